/// A column of an inventory CSV that Bulkhead understands, recognised by the common names spreadsheets use.
public enum InventoryColumn: String, Hashable, Sendable, CaseIterable {
  case id
  case name
  case addresses
  case macs
  case zone
  case kind
  case vendor
  case model
  case firmware
  case criticality
  case description

  /// The header spellings (compared lower-cased, with `_`, `-` and repeated spaces read as one space).
  public var headerNames: [String] {
    switch self {
    case .id: ["id", "asset id", "asset tag", "tag"]
    case .name: ["name", "hostname", "host name", "host", "asset", "asset name", "device", "device name"]
    case .addresses: ["ip", "ip address", "ip addresses", "ipaddress", "address", "addresses", "ipv4", "ipv6"]
    case .macs: ["mac", "mac address", "mac addresses", "macaddress"]
    case .zone: ["zone", "security zone"]
    case .kind: ["type", "kind", "role", "asset type", "device type"]
    case .vendor: ["vendor", "manufacturer", "make"]
    case .model: ["model", "product"]
    case .firmware: ["firmware", "version", "firmware version", "fw version"]
    case .criticality: ["criticality"]
    case .description: ["description", "notes", "comment", "comments"]
    }
  }

  /// The column a header names, if any.
  public init?(header: String) {
    let normalized = InventoryColumn.normalize(header)
    guard let column = InventoryColumn.allCases.first(where: { $0.headerNames.contains(normalized) }) else {
      return nil
    }
    self = column
  }

  static func normalize(_ header: String) -> String {
    let spaced = header.lowercased().map { $0 == "_" || $0 == "-" ? " " : $0 }
    return String(spaced).split(separator: " ").joined(separator: " ")
  }
}
