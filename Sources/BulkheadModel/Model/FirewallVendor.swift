/// The configuration dialect of an enforcement point; it selects the firewall parser.
public enum FirewallVendor: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Linux iptables (`iptables-save` output or an `iptables-restore` file).
  case iptables
  /// Linux nftables (`nft list ruleset` text or `nft -j list ruleset` JSON).
  case nftables
  /// Any other vendor, by name as written (`cisco-asa`, `fortigate`, …), for parsers added later.
  case other(String)

  /// Parses a vendor name; unknown names become `.other` in lower case.
  public init(text: String) {
    switch text.lowercased() {
    case "iptables": self = .iptables
    case "nftables", "nft": self = .nftables
    default: self = .other(text.lowercased())
    }
  }

  /// The vendor name as it is written in a model.
  public var name: String {
    switch self {
    case .iptables: "iptables"
    case .nftables: "nftables"
    case .other(let name): name
    }
  }

  public var description: String { name }
}
