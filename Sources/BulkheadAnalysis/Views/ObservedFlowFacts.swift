import BulkheadCapture
import BulkheadModel

/// One flow seen in the captures, merged across capture points, with what the dissectors and the engine say about it.
public struct ObservedFlowFacts: Hashable, Sendable, Codable {
  /// How the firewalls on the path treat a new connection like this one.
  public enum ConfiguredVerdict: String, Hashable, Sendable, Codable {
    /// Every firewall on the path accepts it.
    case allowed
    /// Some firewall on the path drops or rejects it.
    case denied
    /// Source and destination are in the same zone or no enforcement point lies between them.
    case notFiltered = "not-filtered"
    /// The path could not be evaluated (a firewall config is missing or not parsed).
    case unknown
  }

  /// The host that opened the flow.
  public var initiator: IPAddress
  /// The host that answered (or was addressed).
  public var responder: IPAddress
  /// TransportProtocol.
  public var transport: TransportProtocol
  /// Responder (service) port for TCP and UDP.
  public var responderPort: UInt16?
  /// Zone of the initiator per the model, if any.
  public var initiatorZone: String?
  /// Zone of the responder per the model, if any.
  public var responderZone: String?
  /// Whether the initiator was known from the handshake (true) or guessed from ports (false).
  public var initiatorCertain: Bool
  /// Whether the responder answered (a TCP handshake completed or a reply was seen).
  public var answered: Bool
  /// Packets and bytes in both directions.
  public var packets: Int
  /// Bytes in both directions (frame lengths).
  public var bytes: Int
  /// First and last packet time, seconds since the Unix epoch.
  public var firstSeen: Double
  /// Last packet time.
  public var lastSeen: Double
  /// Where it was seen: capture file and the flow's first packet number in that file.
  public var seenAt: [SourceLocation]
  /// The application protocol the dissectors recognised by content (e.g. `modbus`), if any.
  public var application: String?
  /// PDU counts by operation class: a `OperationClass` raw value (`read`, `write`, `program` …) or `other`.
  public var operations: [String: Int]
  /// Protocol operations by name with counts (e.g. `write_single_register: 3`).
  public var operationNames: [String: Int]
  /// Whether the protocol authenticated the peer: true, false, or nil when unknown.
  public var authenticated: Bool?
  /// Whether the payload was encrypted: true, false, or nil when unknown.
  public var encrypted: Bool?
  /// Protocol security mode when it has one (OPC UA `None`, `Sign`, `SignAndEncrypt`).
  public var securityMode: String?
  /// The packet number (in `seenAt.first`) of the first operation outside read/discovery, for pointing at it.
  public var firstWritePacket: Int?
  /// The conduit whose declared flow explains this one, if any.
  public var conduit: String?
  /// Index of that flow in the conduit's `flows`.
  public var conduitFlowIndex: Int?
  /// How the firewalls treat it.
  public var verdict: ConfiguredVerdict
  /// The deciding rules on the path.
  public var verdictRules: [FirewallRuleReference]

  /// Creates flow facts.
  public init(
    initiator: IPAddress, responder: IPAddress, transport: TransportProtocol, responderPort: UInt16?,
    initiatorZone: String? = nil, responderZone: String? = nil, initiatorCertain: Bool = true, answered: Bool = true,
    packets: Int = 0, bytes: Int = 0, firstSeen: Double = 0, lastSeen: Double = 0, seenAt: [SourceLocation] = [],
    application: String? = nil, operations: [String: Int] = [:], operationNames: [String: Int] = [:],
    authenticated: Bool? = nil, encrypted: Bool? = nil, securityMode: String? = nil, firstWritePacket: Int? = nil,
    conduit: String? = nil, conduitFlowIndex: Int? = nil, verdict: ConfiguredVerdict = .unknown,
    verdictRules: [FirewallRuleReference] = []
  ) {
    self.initiator = initiator
    self.responder = responder
    self.transport = transport
    self.responderPort = responderPort
    self.initiatorZone = initiatorZone
    self.responderZone = responderZone
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
    self.firstWritePacket = firstWritePacket
    self.conduit = conduit
    self.conduitFlowIndex = conduitFlowIndex
    self.verdict = verdict
    self.verdictRules = verdictRules
  }

  /// Whether the flow carried at least one PDU of `operation`.
  public func carried(_ operation: OperationClass) -> Bool { (operations[operation.rawValue] ?? 0) > 0 }

  /// The service as a compact span (`tcp/502`).
  public var span: ServiceSpan {
    ServiceSpan(transport, ports: responderPort.map { PortRange($0) })
  }

  /// Whether the two ends lie in different modelled zones.
  public var crossesZones: Bool {
    guard let initiatorZone, let responderZone else { return false }
    return initiatorZone != responderZone
  }

  /// `10.20.30.40 → 10.50.11.10 tcp/502`.
  public var summary: String { "\(initiator) → \(responder) \(span)" }
}
