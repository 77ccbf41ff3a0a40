/// One rule: an ordered list of conditions, an action and where it came from.
public struct Rule: Hashable, Sendable, Codable {
  /// The conditions, all of which must hold.
  public var matches: [Match]
  /// What happens to a matching packet.
  public var action: RuleAction
  /// File, line, text, comment and counters.
  public var provenance: Provenance

  /// Creates a rule.
  public init(matches: [Match], action: RuleAction, provenance: Provenance) {
    self.matches = matches
    self.action = action
    self.provenance = provenance
  }

  /// Whether the rule carries a condition Bulkhead does not model.
  ///
  /// Policy (docs/firewall-engine.md): such a condition is assumed to hold when the rule accepts or hands the packet
  /// to another chain, and to fail when it drops, rejects or returns, so the computed allowed set is a superset of the
  /// real one: Bulkhead may report exposure that is not there, never hide exposure that is.
  public var unsupported: [String] {
    matches.compactMap { if case .unsupported(let text) = $0 { text } else { nil } }
  }

  /// Whether unsupported conditions of this rule are assumed to hold (see ``unsupported``).
  public var assumesUnsupportedMatch: Bool {
    switch action {
    case .accept, .jump, .goto, .log, .continue: true
    case .drop, .reject, .return: false
    }
  }
}
