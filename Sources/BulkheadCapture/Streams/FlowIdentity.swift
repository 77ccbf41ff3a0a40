import BulkheadModel

/// Which flow it is and between whom, as known from its first packet on: the part ``FlowStart`` and ``FlowRecord``
/// share (both read its fields as their own).
public struct FlowIdentity: Hashable, Sendable, Codable {
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
  /// How the initiator was decided (`.portHeuristic` is a guess).
  public var initiatorBasis: InitiatorBasis

  /// Creates a flow identity.
  public init(
    flowID: Int, initiator: IPAddress, initiatorPort: UInt16, responder: IPAddress, responderPort: UInt16,
    transport: TransportProtocol, vlan: UInt32 = 0, initiatorBasis: InitiatorBasis
  ) {
    self.flowID = flowID
    self.initiator = initiator
    self.initiatorPort = initiatorPort
    self.responder = responder
    self.responderPort = responderPort
    self.transport = transport
    self.vlan = vlan
    self.initiatorBasis = initiatorBasis
  }

  /// The VLAN IDs, outer first (empty when untagged): `vlan` split into 12-bit tags.
  public var vlanIDs: [UInt16] {
    var ids: [UInt16] = []
    var rest = vlan
    while rest != 0 {
      ids.insert(UInt16(rest & 0x0fff), at: 0)
      rest >>= 12
    }
    return ids
  }
}
