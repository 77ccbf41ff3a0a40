/// The tracer's answer for one packet: verdict, the rule that decided it (or the policy), and the path.
public struct TraceResult: Hashable, Sendable, Codable {
  /// Allow or deny.
  public var verdict: Verdict
  /// The rule that decided, or `nil` when a chain's default policy did.
  public var rule: Provenance?
  /// The base chain whose rule or policy decided (for a user chain's rule, the chain that holds it).
  public var chain: String
  /// Every rule evaluated, in order, across jumps.
  public var path: [TraceStep]
  /// Notes: unsupported conditions assumed, chains skipped for the family, loops cut.
  public var notes: [String]

  /// Creates a result.
  public init(verdict: Verdict, rule: Provenance?, chain: String, path: [TraceStep], notes: [String]) {
    self.verdict = verdict
    self.rule = rule
    self.chain = chain
    self.path = path
    self.notes = notes
  }
}
