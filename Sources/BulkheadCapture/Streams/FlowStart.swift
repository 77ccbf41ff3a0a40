import BulkheadModel

/// What a consumer learns when the flow table sees a new flow.
public struct FlowStart: Sendable {
  /// The flow's identifier: unique within one `CaptureSession`, increasing in order of first packet.
  public var flowID: Int
  /// The side that started the flow.
  public var initiator: IPAddress
  /// The initiator's port (0 for protocols without ports).
  public var initiatorPort: UInt16
  /// The side that answered.
  public var responder: IPAddress
  /// The responder's port, usually the service port (0 for protocols without ports).
  public var responderPort: UInt16
  /// The transport protocol.
  public var transport: TransportProtocol
  /// The 802.1Q VLAN ID of the first packet (outer tag first when stacked, as `outer << 12 | inner`), 0 when untagged.
  public var vlan: UInt32
  /// How the initiator was decided.
  public var initiatorBasis: InitiatorBasis
  /// The 1-based packet number (within its capture file) of the flow's first packet.
  public var packetNumber: Int
  /// The time of the flow's first packet.
  public var timestamp: CaptureTimestamp

  /// Creates a flow start description.
  public init(
    flowID: Int, initiator: IPAddress, initiatorPort: UInt16, responder: IPAddress, responderPort: UInt16,
    transport: TransportProtocol, vlan: UInt32, initiatorBasis: InitiatorBasis, packetNumber: Int,
    timestamp: CaptureTimestamp
  ) {
    self.flowID = flowID
    self.initiator = initiator
    self.initiatorPort = initiatorPort
    self.responder = responder
    self.responderPort = responderPort
    self.transport = transport
    self.vlan = vlan
    self.initiatorBasis = initiatorBasis
    self.packetNumber = packetNumber
    self.timestamp = timestamp
  }
}
