import BulkheadModel

/// One bidirectional flow as the flow table finished it: who started it, to which service, and how much went each way.
public struct FlowRecord: Hashable, Sendable, Codable {
  /// Unique within one session, increasing in order of first packet.
  public var flowID: Int
  /// The side that started the flow.
  public var initiator: IPAddress
  /// The initiator's port (0 without ports).
  public var initiatorPort: UInt16
  /// The side that answered.
  public var responder: IPAddress
  /// The responder's (service) port (0 without ports).
  public var responderPort: UInt16
  /// The transport protocol.
  public var transport: TransportProtocol
  /// The VLAN ID (`outer << 12 | inner` when stacked), 0 when untagged.
  public var vlan: UInt32
  /// How the initiator was decided (`.portHeuristic` is a guess).
  public var initiatorBasis: InitiatorBasis
  /// The initiator's MAC address, when the link layer carried one.
  public var initiatorMAC: MACAddress?
  /// The responder's MAC address, when the link layer carried one.
  public var responderMAC: MACAddress?
  /// Packets sent by the initiator.
  public var packetsFromInitiator: UInt64
  /// Frame bytes (original wire length, as tshark counts) sent by the initiator.
  public var bytesFromInitiator: UInt64
  /// Transport payload bytes sent by the initiator (all captured segments, retransmissions included).
  public var payloadBytesFromInitiator: UInt64
  /// Packets sent by the responder.
  public var packetsFromResponder: UInt64
  /// Frame bytes sent by the responder.
  public var bytesFromResponder: UInt64
  /// Transport payload bytes sent by the responder.
  public var payloadBytesFromResponder: UInt64
  /// Time of the first packet.
  public var firstSeen: CaptureTimestamp
  /// Time of the last packet.
  public var lastSeen: CaptureTimestamp
  /// The capture file (index into the session's file list) and packet number of the first packet.
  public var firstFileIndex: Int
  /// The 1-based packet number of the first packet within its file.
  public var firstPacketNumber: Int
  /// TCP connection state; `nil` for other transports.
  public var tcp: TCPFlowState?
  /// Why the flow was finished.
  public var endReason: FlowEndReason
  /// Protocol facts added by dissectors (e.g. `protocol`, `operations`); empty when none ran.
  public var annotations: [String: String]

  /// Creates a record (normally only the flow table does).
  public init(
    flowID: Int, initiator: IPAddress, initiatorPort: UInt16, responder: IPAddress, responderPort: UInt16,
    transport: TransportProtocol, vlan: UInt32 = 0, initiatorBasis: InitiatorBasis, initiatorMAC: MACAddress? = nil,
    responderMAC: MACAddress? = nil, packetsFromInitiator: UInt64 = 0, bytesFromInitiator: UInt64 = 0,
    payloadBytesFromInitiator: UInt64 = 0, packetsFromResponder: UInt64 = 0, bytesFromResponder: UInt64 = 0,
    payloadBytesFromResponder: UInt64 = 0, firstSeen: CaptureTimestamp, lastSeen: CaptureTimestamp,
    firstFileIndex: Int = 0, firstPacketNumber: Int = 0, tcp: TCPFlowState? = nil,
    endReason: FlowEndReason = .captureEnd,
    annotations: [String: String] = [:]
  ) {
    self.flowID = flowID
    self.initiator = initiator
    self.initiatorPort = initiatorPort
    self.responder = responder
    self.responderPort = responderPort
    self.transport = transport
    self.vlan = vlan
    self.initiatorBasis = initiatorBasis
    self.initiatorMAC = initiatorMAC
    self.responderMAC = responderMAC
    self.packetsFromInitiator = packetsFromInitiator
    self.bytesFromInitiator = bytesFromInitiator
    self.payloadBytesFromInitiator = payloadBytesFromInitiator
    self.packetsFromResponder = packetsFromResponder
    self.bytesFromResponder = bytesFromResponder
    self.payloadBytesFromResponder = payloadBytesFromResponder
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.firstFileIndex = firstFileIndex
    self.firstPacketNumber = firstPacketNumber
    self.tcp = tcp
    self.endReason = endReason
    self.annotations = annotations
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

  /// Total packets both ways.
  public var packets: UInt64 { packetsFromInitiator + packetsFromResponder }
  /// Total frame bytes both ways.
  public var bytes: UInt64 { bytesFromInitiator + bytesFromResponder }
}
