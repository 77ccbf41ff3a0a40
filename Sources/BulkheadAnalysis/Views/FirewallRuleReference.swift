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

  /// The rule as a finding's subject names it: the enforcement point and the rule's text without the packet and
  /// byte counters an `iptables-save -c` export writes in front (`[6:360] -A FORWARD -j DROP`), which change with
  /// every export and must not change a fingerprint.
  public var identity: String {
    var rest = Substring(text)
    if rest.first == "[", let close = rest.firstIndex(of: "]") {
      let counters = rest[rest.index(after: rest.startIndex)..<close]
      let parts = counters.split(separator: ":", omittingEmptySubsequences: false)
      if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
        rest = rest[rest.index(after: close)...].drop { $0 == " " }
      }
    }
    return "\(firewall) \(rest)"
  }

  public static func < (lhs: FirewallRuleReference, rhs: FirewallRuleReference) -> Bool {
    (lhs.firewall, lhs.location, lhs.text) < (rhs.firewall, rhs.location, rhs.text)
  }
}
