import BulkheadModel

/// A firewall rule (or a chain's default policy) as evidence: which enforcement point, where, and what it says.
public struct FirewallRuleReference: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The enforcement point's id in the model, e.g. `fw-itot`.
  public var firewall: String
  /// File and line of the rule in the config.
  public var location: SourceLocation
  /// The rule as written (or a normalized one-line rendering), with its comment if any.
  public var text: String

  /// Creates a reference.
  public init(firewall: String, location: SourceLocation, text: String) {
    self.firewall = firewall
    self.location = location
    self.text = text
  }

  public var description: String { "\(firewall) \(location): \(text)" }

  public static func < (lhs: FirewallRuleReference, rhs: FirewallRuleReference) -> Bool {
    (lhs.firewall, lhs.location) < (rhs.firewall, rhs.location)
  }
}
