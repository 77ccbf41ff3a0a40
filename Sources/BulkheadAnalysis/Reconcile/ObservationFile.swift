import BulkheadCapture
import BulkheadModel
import Foundation

/// Reads `observations.json`: flows another sensor exported (or an example wrote), in this shape:
///
/// ```json
/// {"window": {"zones": ["scada"]},
///  "flows": [{"initiator": "10.50.2.10", "responder": "10.50.11.10", "transport": "tcp", "port": 502,
///             "answered": true, "packets": 10, "bytes": 900, "first": 1700000000, "last": 1700000060,
///             "file": "captures/scada.pcap", "packet": 12, "application": "modbus",
///             "operations": {"read": 4}, "authenticated": false, "security_mode": "None"}]}
/// ```
/// Every flow that cannot be read becomes a diagnostic naming its index; the others still count.
enum ObservationFile {
  struct Document: Decodable {
    struct Window: Decodable {
      var zones: [String]?
    }

    struct Flow: Decodable {
      var initiator: String
      var responder: String
      var transport: String?
      var port: Int?
      var initiatorPort: Int?
      var answered: Bool?
      var packets: Int?
      var bytes: Int?
      var first: Double?
      var last: Double?
      var file: String?
      var packet: Int?
      var application: String?
      var operations: [String: Int]?
      var authenticated: Bool?
      var encrypted: Bool?
      var securityMode: String?

      enum CodingKeys: String, CodingKey {
        case initiator, responder, transport, port, answered, packets, bytes, first, last, file, packet
        case application, operations, authenticated, encrypted
        case initiatorPort = "initiator_port"
        case securityMode = "security_mode"
      }
    }

    var window: Window?
    var flows: [Flow]
  }

  /// The records and declared observed zones of one file, plus diagnostics for what could not be read.
  static func read(path: String) -> (records: [ObservationRecord], zones: [String], diagnostics: [Diagnostic]) {
    let here = SourceLocation(file: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      return ([], [], [Diagnostic(.error, code: "BH701", "cannot read observations file", at: here)])
    }
    let document: Document
    do {
      document = try JSONDecoder().decode(Document.self, from: data)
    } catch {
      return ([], [], [Diagnostic(.error, code: "BH702", "not an observations document: \(error)", at: here)])
    }
    var records: [ObservationRecord] = []
    var diagnostics: [Diagnostic] = []
    for (index, flow) in document.flows.enumerated() {
      let at = SourceLocation(file: path, line: 0)
      guard let initiator = IPAddress(flow.initiator), let responder = IPAddress(flow.responder) else {
        diagnostics.append(Diagnostic(.error, code: "BH703", "flow \(index): malformed address", at: at))
        continue
      }
      guard let port = UInt16(exactly: flow.port ?? 0) else {
        diagnostics.append(
          Diagnostic(.error, code: "BH703", "flow \(index): port \(flow.port ?? 0) out of range", at: at))
        continue
      }
      let transport: TransportProtocol
      switch flow.transport ?? "tcp" {
      case "tcp": transport = .tcp
      case "udp": transport = .udp
      case "icmp": transport = .icmp
      case "icmpv6": transport = .icmpv6
      case let other:
        diagnostics.append(Diagnostic(.error, code: "BH703", "flow \(index): unknown transport \(other)", at: at))
        continue
      }
      records.append(
        ObservationRecord(
          FlowObservation(
            initiator: initiator, initiatorPort: UInt16(exactly: flow.initiatorPort ?? 0) ?? 0, responder: responder,
            responderPort: port, transport: transport, answered: flow.answered ?? true, packets: flow.packets ?? 0,
            bytes: flow.bytes ?? 0, firstSeen: flow.first ?? 0, lastSeen: flow.last ?? flow.first ?? 0,
            application: flow.application, operations: flow.operations ?? [:], authenticated: flow.authenticated,
            encrypted: flow.encrypted, securityMode: flow.securityMode),
          seenAt: SourceLocation(file: flow.file ?? path, line: flow.packet ?? 0)))
    }
    return (records, document.window?.zones ?? [], diagnostics)
  }
}
