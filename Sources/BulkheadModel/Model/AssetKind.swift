/// What an asset is, in the plant's words.
public enum AssetKind: String, Hashable, Sendable, Codable, CaseIterable {
  /// Programmable logic controller.
  case plc
  /// Remote terminal unit.
  case rtu
  /// Operator human-machine interface.
  case hmi
  /// Engineering workstation (programs controllers).
  case engineeringWorkstation = "engineering-workstation"
  /// Process historian.
  case historian
  /// SCADA / supervisory server.
  case scadaServer = "scada-server"
  /// Safety instrumented system controller.
  case safetyController = "safety-controller"
  /// Firewall or other filtering device.
  case firewall
  /// Network switch.
  case `switch`
  /// Remote-access jump host.
  case jumpHost = "jump-host"
  /// Any other server.
  case server
  /// Office or other workstation.
  case workstation
  /// Anything else.
  case other

  /// Parses a kind, accepting `_` or space for `-`, any case (`Engineering Workstation`) and a few spellings
  /// inventories commonly use (`EWS`, `SIS`, `SCADA`, `bastion`, `PC`).
  public init?(text: String) {
    let normalized = String(text.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    guard let kind = AssetKind(rawValue: normalized) ?? AssetKind.aliases[normalized] else { return nil }
    self = kind
  }

  /// Other spellings of the kinds, as spreadsheets write them.
  static let aliases: [String: AssetKind] = [
    "ews": .engineeringWorkstation, "engineering-station": .engineeringWorkstation,
    "sis": .safetyController, "safety-plc": .safetyController, "scada": .scadaServer,
    "jumphost": .jumpHost, "jump-server": .jumpHost, "bastion": .jumpHost, "pc": .workstation,
    "desktop": .workstation, "laptop": .workstation, "fw": .firewall,
  ]

  /// Whether the asset directly controls or protects the process (level 1 devices).
  public var isController: Bool { self == .plc || self == .rtu || self == .safetyController }
}

extension AssetKind {
  /// The kinds' names, comma-separated, for messages.
  static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
