import BulkheadModel

/// The kind of asset a host's behaviour suggests, why, and how sure that is.
public struct RoleGuess: Hashable, Sendable {
  /// The proposed kind.
  public var kind: AssetKind
  /// The evidence, in a sentence.
  public var reason: String
  /// How sure.
  public var confidence: Confidence

  /// Application protocols of field devices: a host that answers one is a controller (PLC, RTU), a host that opens
  /// them supervises or engineers.
  public static let controlProtocols: Set<String> = [
    "modbus", "s7comm", "s7comm-plus", "enip", "cip", "dnp3", "iec104", "bacnet", "mms",
  ]

  /// Guesses from the services a host answered (`serves`) and opened (`uses`), with their operations.
  static func guess(address: IPAddress, serves: [(SeenService, ServiceTally)], uses: [(SeenService, ServiceTally)])
    -> RoleGuess
  {
    let servedControl = serves.filter { $0.1.answeredFlows > 0 && controlProtocols.contains($0.0.application ?? "") }
    let usedControl = uses.filter { controlProtocols.contains($0.0.application ?? "") }
    if !servedControl.isEmpty {
      let clients = Set(servedControl.map(\.0.initiator)).count
      let protocols = Set(servedControl.compactMap(\.0.application)).sorted().joined(separator: ", ")
      return RoleGuess(
        kind: .plc, reason: "answers \(protocols) as a server to \(clients) client(s): a controller (PLC or RTU)",
        confidence: usedControl.isEmpty ? .medium : .low)
    }
    if usedControl.contains(where: { $0.1.operationClasses.contains(.program) }) {
      return RoleGuess(
        kind: .engineeringWorkstation,
        reason: "sends program/download operations to a controller: an engineering workstation", confidence: .high)
    }
    let polled = Set(usedControl.map(\.0.responder)).count
    if polled >= 2 {
      return RoleGuess(
        kind: .scadaServer, reason: "polls \(polled) controllers over control protocols: a SCADA server",
        confidence: .medium)
    }
    if polled == 1 {
      return RoleGuess(
        kind: .hmi, reason: "opens a control protocol to one controller: an HMI or a supervisory client",
        confidence: .low)
    }
    if serves.contains(where: { $0.0.application == "opcua" && $0.1.answeredFlows > 0 }) {
      return RoleGuess(
        kind: .scadaServer, reason: "answers OPC UA: a supervisory server publishing process values",
        confidence: .low)
    }
    if uses.contains(where: { $0.0.application == "opcua" }) {
      return RoleGuess(
        kind: .historian, reason: "collects over OPC UA as a client: a historian", confidence: .low)
    }
    let servesRDP = serves.contains { $0.0.application == "rdp" || $0.0.spec == "tcp/3389" }
    let usesRDP = uses.contains { $0.0.application == "rdp" || $0.0.spec == "tcp/3389" }
    if servesRDP && usesRDP {
      return RoleGuess(
        kind: .jumpHost, reason: "accepts remote desktop sessions and opens its own onward: a jump host",
        confidence: .medium)
    }
    let answered = serves.filter { $0.1.answeredFlows > 0 }
    if !answered.isEmpty {
      let specs = Set(answered.map(\.0.spec)).sorted().prefix(4).joined(separator: ", ")
      return RoleGuess(kind: .server, reason: "answers \(specs): a server", confidence: .low)
    }
    return RoleGuess(kind: .workstation, reason: "only opens connections: a client workstation", confidence: .low)
  }
}
