/// The configuration dialect of an enforcement point, by the name its dialect is registered under (`iptables`,
/// `nftables`, `fortigate`, …) or `auto` (detected from the file's content).
///
/// This is the one vocabulary for vendors: the model stores the name as written (lower case), the firewall stage's
/// dialect registry (`FirewallDialects` in BulkheadFirewall) resolves it, aliases included, and reports a name no
/// dialect answers to. The model deliberately lists no vendors, so adding one never touches this stage.
public struct FirewallVendor: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The name, lower case.
  public let rawValue: String

  /// A vendor by name; case is ignored.
  public init(rawValue: String) {
    self.rawValue = rawValue.lowercased()
  }

  /// Parses a vendor name as written in a model (case is ignored).
  public init(text: String) {
    self.init(rawValue: text)
  }

  /// Detect the dialect from the configuration's content.
  public static let auto = FirewallVendor(rawValue: "auto")

  /// The vendor name as it is written in a model.
  public var name: String { rawValue }

  public var description: String { rawValue }

  public static func < (lhs: FirewallVendor, rhs: FirewallVendor) -> Bool { lhs.rawValue < rhs.rawValue }

  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
