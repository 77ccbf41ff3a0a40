/// One rule the tracer looked at: where it is, and whether it matched.
public struct TraceStep: Hashable, Sendable, Codable {
  /// The chain holding the rule.
  public var chain: String
  /// The rule's 0-based position in the chain.
  public var position: Int
  /// The rule's provenance.
  public var rule: Provenance
  /// Whether the rule matched the packet.
  public var matched: Bool
  /// The rule's action.
  public var action: String

  /// Creates a step.
  public init(chain: String, position: Int, rule: Provenance, matched: Bool, action: String) {
    self.chain = chain
    self.position = position
    self.rule = rule
    self.matched = matched
    self.action = action
  }
}
