/// What the rule analysis says about one rule.
public struct RuleFinding: Hashable, Sendable, Codable {
  /// The kind of finding.
  public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
    /// No packet reaches the rule's position (its chain is never entered, or earlier rules take everything).
    case unreachable
    /// Packets reach the rule and it matches some packets, but earlier rules take every one of them.
    case shadowed
    /// The rule's conditions match no packet at all.
    case matchesNothing = "matches-nothing"
    /// Removing the rule changes no verdict: the rules after it (or the policy) decide the same.
    case redundant
    /// An accepting rule with no source restriction.
    case anySource = "any-source"
    /// An accepting rule with no destination restriction.
    case anyDestination = "any-destination"
    /// An accepting rule with no protocol or port restriction.
    case anyService = "any-service"
  }

  /// The kind.
  public var kind: Kind
  /// The rule.
  public var rule: Provenance
  /// The chain holding it.
  public var chain: String
  /// Rules that take the packets this rule would have matched (for shadowed rules).
  public var shadowedBy: [Provenance]

  /// Creates a finding.
  public init(kind: Kind, rule: Provenance, chain: String, shadowedBy: [Provenance] = []) {
    self.kind = kind
    self.rule = rule
    self.chain = chain
    self.shadowedBy = shadowedBy
  }
}
