/// What an asset is, in the plant's words.
public enum AssetKind: String, Hashable, Sendable, Codable, CaseIterable {
  case plc
  case rtu
  case hmi
  case engineeringWorkstation = "engineering-workstation"
  case historian
  case scadaServer = "scada-server"
  case safetyController = "safety-controller"
  case firewall
  case `switch`
  case jumpHost = "jump-host"
  case server
  case workstation
  case other

  /// Parses a kind, accepting `_` or space for `-` and any case (`Engineering Workstation`).
  public init?(text: String) {
    let normalized = String(
      text.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 }
    )
    guard let kind = AssetKind(rawValue: normalized) else { return nil }
    self = kind
  }

  /// Whether the asset directly controls or protects the process (level 1 devices).
  public var isController: Bool { self == .plc || self == .rtu || self == .safetyController }
}

extension AssetKind {
  /// The kinds' names, comma-separated, for messages.
  static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
