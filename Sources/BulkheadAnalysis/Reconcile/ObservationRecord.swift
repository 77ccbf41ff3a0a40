import BulkheadCapture
import BulkheadModel

/// One flow as seen at one capture point, before reconciliation: from a pcap (via the flow table and the dissectors)
/// or from an `observations.json` file (flows exported by another sensor, or written by hand for examples).
public struct ObservationRecord: Hashable, Sendable {
  /// The host that opened the flow.
  public var initiator: IPAddress
  /// Its source port (0 when unknown).
  public var initiatorPort: UInt16
  /// The host that answered.
  public var responder: IPAddress
  /// The service port.
  public var responderPort: UInt16
  /// Transport.
  public var transport: TransportProtocol
  /// Whether the initiator is known from the handshake rather than guessed.
  public var initiatorCertain: Bool
  /// Whether the responder answered.
  public var answered: Bool
  /// Packets both ways.
  public var packets: Int
  /// Bytes both ways.
  public var bytes: Int
  /// First packet time, seconds since the epoch.
  public var firstSeen: Double
  /// Last packet time.
  public var lastSeen: Double
  /// Capture file and packet number of the flow's first packet.
  public var seenAt: SourceLocation
  /// Application protocol by content.
  public var application: String?
  /// PDU counts by operation class raw value.
  public var operations: [String: Int]
  /// PDU counts by operation name.
  public var operationNames: [String: Int]
  /// Authenticated by the protocol: true, false, nil unknown.
  public var authenticated: Bool?
  /// Encrypted: true, false, nil unknown.
  public var encrypted: Bool?
  /// Protocol security mode.
  public var securityMode: String?
  /// MAC addresses of the two ends when the link layer had them.
  public var initiatorMAC: MACAddress?
  /// Responder MAC.
  public var responderMAC: MACAddress?

  /// Creates a record.
  public init(
    initiator: IPAddress, initiatorPort: UInt16 = 0, responder: IPAddress, responderPort: UInt16,
    transport: TransportProtocol, initiatorCertain: Bool = true, answered: Bool, packets: Int, bytes: Int,
    firstSeen: Double, lastSeen: Double, seenAt: SourceLocation, application: String? = nil,
    operations: [String: Int] = [:], operationNames: [String: Int] = [:], authenticated: Bool? = nil,
    encrypted: Bool? = nil, securityMode: String? = nil, initiatorMAC: MACAddress? = nil,
    responderMAC: MACAddress? = nil
  ) {
    self.initiator = initiator
    self.initiatorPort = initiatorPort
    self.responder = responder
    self.responderPort = responderPort
    self.transport = transport
    self.initiatorCertain = initiatorCertain
    self.answered = answered
    self.packets = packets
    self.bytes = bytes
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.seenAt = seenAt
    self.application = application
    self.operations = operations
    self.operationNames = operationNames
    self.authenticated = authenticated
    self.encrypted = encrypted
    self.securityMode = securityMode
    self.initiatorMAC = initiatorMAC
    self.responderMAC = responderMAC
  }

  /// The key under which the same connection seen at two capture points merges.
  var connectionKey: String {
    "\(transport) \(initiator):\(initiatorPort) \(responder):\(responderPort)"
  }
}
