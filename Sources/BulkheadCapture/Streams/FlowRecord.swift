import BulkheadModel

/// One bidirectional flow as the flow table finished it: who started it, to which service, and how much went each way.
@dynamicMemberLookup
public struct FlowRecord: Hashable, Sendable, Codable {
  /// Which flow it is and between whom (its fields read as the record's own: `record.initiator`).
  public var identity: FlowIdentity
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
    identity: FlowIdentity, initiatorMAC: MACAddress? = nil, responderMAC: MACAddress? = nil,
    packetsFromInitiator: UInt64 = 0, bytesFromInitiator: UInt64 = 0, payloadBytesFromInitiator: UInt64 = 0,
    packetsFromResponder: UInt64 = 0, bytesFromResponder: UInt64 = 0, payloadBytesFromResponder: UInt64 = 0,
    firstSeen: CaptureTimestamp, lastSeen: CaptureTimestamp, firstFileIndex: Int = 0, firstPacketNumber: Int = 0,
    tcp: TCPFlowState? = nil, endReason: FlowEndReason = .captureEnd, annotations: [String: String] = [:]
  ) {
    self.identity = identity
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

  /// The identity's fields, read and written as the record's own.
  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<FlowIdentity, Value>) -> Value {
    get { identity[keyPath: keyPath] }
    set { identity[keyPath: keyPath] = newValue }
  }

  /// The VLAN IDs, outer first (empty when untagged).
  public var vlanIDs: [UInt16] { identity.vlanIDs }
  /// Total packets both ways.
  public var packets: UInt64 { packetsFromInitiator + packetsFromResponder }
  /// Total frame bytes both ways.
  public var bytes: UInt64 { bytesFromInitiator + bytesFromResponder }

  private enum CodingKeys: String, CodingKey {
    case initiatorMAC, responderMAC, packetsFromInitiator, bytesFromInitiator, payloadBytesFromInitiator
    case packetsFromResponder, bytesFromResponder, payloadBytesFromResponder, firstSeen, lastSeen, firstFileIndex
    case firstPacketNumber, tcp, endReason, annotations
  }

  // One flat JSON object, as before the identity was its own type: the identity's keys beside the record's.
  public init(from decoder: any Decoder) throws {
    identity = try FlowIdentity(from: decoder)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    initiatorMAC = try container.decodeIfPresent(MACAddress.self, forKey: .initiatorMAC)
    responderMAC = try container.decodeIfPresent(MACAddress.self, forKey: .responderMAC)
    packetsFromInitiator = try container.decode(UInt64.self, forKey: .packetsFromInitiator)
    bytesFromInitiator = try container.decode(UInt64.self, forKey: .bytesFromInitiator)
    payloadBytesFromInitiator = try container.decode(UInt64.self, forKey: .payloadBytesFromInitiator)
    packetsFromResponder = try container.decode(UInt64.self, forKey: .packetsFromResponder)
    bytesFromResponder = try container.decode(UInt64.self, forKey: .bytesFromResponder)
    payloadBytesFromResponder = try container.decode(UInt64.self, forKey: .payloadBytesFromResponder)
    firstSeen = try container.decode(CaptureTimestamp.self, forKey: .firstSeen)
    lastSeen = try container.decode(CaptureTimestamp.self, forKey: .lastSeen)
    firstFileIndex = try container.decode(Int.self, forKey: .firstFileIndex)
    firstPacketNumber = try container.decode(Int.self, forKey: .firstPacketNumber)
    tcp = try container.decodeIfPresent(TCPFlowState.self, forKey: .tcp)
    endReason = try container.decode(FlowEndReason.self, forKey: .endReason)
    annotations = try container.decode([String: String].self, forKey: .annotations)
  }

  public func encode(to encoder: any Encoder) throws {
    try identity.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(initiatorMAC, forKey: .initiatorMAC)
    try container.encodeIfPresent(responderMAC, forKey: .responderMAC)
    try container.encode(packetsFromInitiator, forKey: .packetsFromInitiator)
    try container.encode(bytesFromInitiator, forKey: .bytesFromInitiator)
    try container.encode(payloadBytesFromInitiator, forKey: .payloadBytesFromInitiator)
    try container.encode(packetsFromResponder, forKey: .packetsFromResponder)
    try container.encode(bytesFromResponder, forKey: .bytesFromResponder)
    try container.encode(payloadBytesFromResponder, forKey: .payloadBytesFromResponder)
    try container.encode(firstSeen, forKey: .firstSeen)
    try container.encode(lastSeen, forKey: .lastSeen)
    try container.encode(firstFileIndex, forKey: .firstFileIndex)
    try container.encode(firstPacketNumber, forKey: .firstPacketNumber)
    try container.encodeIfPresent(tcp, forKey: .tcp)
    try container.encode(endReason, forKey: .endReason)
    try container.encode(annotations, forKey: .annotations)
  }
}
