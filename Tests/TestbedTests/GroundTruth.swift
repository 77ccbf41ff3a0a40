import Foundation

/// The parts of a recording's ground-truth.json (written by Testbed/groundtruth.py) that the tests check.
struct GroundTruth: Decodable {
  /// One attempted exchange, flattened: who tried to reach what, and what the client saw.
  struct Session: Decodable {
    var client: String
    var clientAddress: String
    var server: String
    var serverAddress: String
    var `protocol`: String
    var transport: String
    var port: Int
    var connection: String?
  }

  /// One Modbus or S7 request line as the client tallied it.
  struct Request: Decodable {
    var functionCode: Int?
    var operation: String
    var sent: Int
    var ok: Int
  }

  /// One step of an S7 engineering session.
  struct Operation: Decodable {
    var operation: String
    var result: String
  }

  /// A client's own view of one session.
  struct ClientSession: Decodable {
    var server: String
    var `protocol`: String
    var connection: String?
    var requests: [Request]?
    var operations: [Operation]?
    var securityMode: String?
    var securityPolicy: String?
    var offeredEndpoints: [String]?

    enum CodingKeys: String, CodingKey {
      case server, `protocol`, connection, requests, securityMode, securityPolicy, offeredEndpoints
      case operations
    }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      server = try c.decode(String.self, forKey: .server)
      `protocol` = try c.decode(String.self, forKey: .protocol)
      connection = try c.decodeIfPresent(String.self, forKey: .connection)
      requests = try c.decodeIfPresent([Request].self, forKey: .requests)
      securityMode = try c.decodeIfPresent(String.self, forKey: .securityMode)
      securityPolicy = try c.decodeIfPresent(String.self, forKey: .securityPolicy)
      offeredEndpoints = try c.decodeIfPresent([String].self, forKey: .offeredEndpoints)
      // OPC UA sessions list operations as plain names, S7 sessions as objects with a result.
      operations = try? c.decodeIfPresent([Operation].self, forKey: .operations)
    }
  }

  /// One client process of the scenario.
  struct Client: Decodable {
    var client: String
    var role: String
    var sessions: [ClientSession]
  }

  /// One firewall rule with its counter delta over the scenario and its line in the source file.
  struct Rule: Decodable {
    var chain: String
    var index: Int
    var sourceLine: Int?
    var rule: String?
    var comment: String?
    var packets: Int?
  }

  /// One firewall's rules.
  struct Firewall: Decodable {
    var family: String
    var rules: [Rule]
  }

  /// One capture file as the recorder counted it from the pcap record headers.
  struct Capture: Decodable {
    var file: String
    var firewall: String
    var interface: String
    var frames: Int
    var truncated: Bool?
  }

  var plant: String
  var captures: [String: Capture]
  var sessions: [Session]
  var clients: [Client]
  var firewalls: [String: Firewall]

  /// Decodes `directory/ground-truth.json`.
  static func load(from directory: URL) throws -> GroundTruth {
    let data = try Data(contentsOf: directory.appendingPathComponent("ground-truth.json"))
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(GroundTruth.self, from: data)
  }

  /// The client sessions of `client` towards `server` over `protocol`.
  func clientSessions(_ client: String, to server: String, _ protocol: String) -> [ClientSession] {
    clients.filter { $0.client == client }.flatMap(\.sessions)
      .filter { $0.server == server && $0.protocol == `protocol` }
  }

  /// The rules of `firewall` whose comment or text contains `text`.
  func rules(_ firewall: String, containing text: String) -> [Rule] {
    (firewalls[firewall]?.rules ?? []).filter {
      ($0.comment ?? "").contains(text) || ($0.rule ?? "").contains(text)
    }
  }
}
