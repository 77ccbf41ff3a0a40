/// A declared conduit flow whose coverage by the firewalls a proposed change alters.
public struct DeclaredFlowChange: Hashable, Sendable, Codable {
  /// The flow with today's configs.
  public var before: DeclaredFlowFacts
  /// The flow with the proposed configs (the blocked witness and blocking rules say what now drops it).
  public var after: DeclaredFlowFacts

  /// Creates a change.
  public init(before: DeclaredFlowFacts, after: DeclaredFlowFacts) {
    self.before = before
    self.after = after
  }

  /// Whether the firewalls let less of the declared flow through than today (allowed → partial or blocked, partial
  /// → blocked), or it can no longer be evaluated: the change breaks the conduit.
  public var losesCoverage: Bool { Self.rank(after.coverage) < Self.rank(before.coverage) }

  /// How much of a declared flow gets through, for comparison: unknown counts as nothing vouched for.
  private static func rank(_ coverage: DeclaredFlowFacts.Coverage) -> Int {
    switch coverage {
    case .unknown: 0
    case .blocked: 1
    case .partial: 2
    case .allowed, .unenforced: 3
    }
  }
}
