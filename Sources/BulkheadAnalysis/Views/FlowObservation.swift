import BulkheadCapture
import BulkheadModel

/// What the captures show of one connection: its two ends and service, how much went over it, and what its protocol
/// did. ``ObservationRecord`` (one capture point, before reconciliation) and ``ObservedFlowFacts`` (merged across
/// capture points and reconciled) both hold one.
public struct FlowObservation: Hashable, Sendable, Codable {
  /// The host that opened the flow.
  public var initiator: IPAddress
  /// Its source port (0 when unknown or for transports without ports).
  public var initiatorPort: UInt16
  /// The host that answered (or was addressed).
  public var responder: IPAddress
  /// The service port (0 for transports without ports).
  public var responderPort: UInt16
  /// The transport protocol.
  public var transport: TransportProtocol
  /// Whether the initiator is known from the handshake (true) or guessed from ports (false).
  public var initiatorCertain: Bool
  /// Whether the responder answered (a TCP handshake completed or a reply was seen).
  public var answered: Bool
  /// Packets in both directions.
  public var packets: Int
  /// Bytes in both directions (frame lengths).
  public var bytes: Int
  /// First packet time, seconds since the Unix epoch.
  public var firstSeen: Double
  /// Last packet time.
  public var lastSeen: Double
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

  /// Creates an observation.
  public init(
    initiator: IPAddress, initiatorPort: UInt16 = 0, responder: IPAddress, responderPort: UInt16,
    transport: TransportProtocol, initiatorCertain: Bool = true, answered: Bool = true, packets: Int = 0,
    bytes: Int = 0, firstSeen: Double = 0, lastSeen: Double = 0, application: String? = nil,
    operations: [String: Int] = [:], operationNames: [String: Int] = [:], authenticated: Bool? = nil,
    encrypted: Bool? = nil, securityMode: String? = nil
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
    self.application = application
    self.operations = operations
    self.operationNames = operationNames
    self.authenticated = authenticated
    self.encrypted = encrypted
    self.securityMode = securityMode
  }

  /// The service as a compact span (`tcp/502`, `icmp`).
  public var span: ServiceSpan {
    ServiceSpan(transport, ports: transport.hasPorts ? PortRange(responderPort) : nil)
  }

  /// `10.20.30.40 → 10.50.11.10 tcp/502`.
  public var summary: String { "\(initiator) → \(responder) \(span)" }

  /// Whether the flow carried at least one PDU of `operation`.
  public func carried(_ operation: OperationClass) -> Bool { (operations[operation.rawValue] ?? 0) > 0 }

  /// The key under which the same connection seen at two capture points merges.
  var connectionKey: ConnectionKey {
    ConnectionKey(
      initiator: initiator, initiatorPort: initiatorPort, responder: responder, responderPort: responderPort,
      transport: transport.number)
  }

  /// Folds in what another capture point saw of the same connection: the larger counts (the PDUs are not added
  /// twice), the wider time span, and whatever this one did not know.
  mutating func merge(_ other: FlowObservation) {
    answered = answered || other.answered
    packets = max(packets, other.packets)
    bytes = max(bytes, other.bytes)
    firstSeen = min(firstSeen, other.firstSeen)
    lastSeen = max(lastSeen, other.lastSeen)
    for (name, count) in other.operations { operations[name] = max(operations[name] ?? 0, count) }
    for (name, count) in other.operationNames { operationNames[name] = max(operationNames[name] ?? 0, count) }
    application = application ?? other.application
    authenticated = authenticated ?? other.authenticated
    encrypted = encrypted ?? other.encrypted
    securityMode = securityMode ?? other.securityMode
  }
}

/// A connection's identity across capture points: transport and both ends with their ports.
struct ConnectionKey: Hashable, Sendable {
  var initiator: IPAddress
  var initiatorPort: UInt16
  var responder: IPAddress
  var responderPort: UInt16
  var transport: UInt8
}
