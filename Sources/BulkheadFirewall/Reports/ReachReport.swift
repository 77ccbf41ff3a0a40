import BulkheadModel

/// The `bulkhead reach --config` answer: allowed services between two address sets, and per-rule findings.
public struct ReachReport: Sendable, Encodable {
  /// The configuration file.
  public var file: String
  /// The entry hook or chain evaluated.
  public var chain: String
  /// Source address ranges (empty: any).
  public var from: [AddressRange]
  /// Destination address ranges (empty: any).
  public var to: [AddressRange]
  /// The allowed services, each with a witness.
  public var services: [ServiceSummary]
  /// Per-rule findings (unreachable, shadowed, redundant, overly broad), when asked for.
  public var findings: [RuleFinding]
  /// Parser diagnostics.
  public var diagnostics: [Diagnostic]
  /// What the evaluation could not follow exactly (a jump deeper than the limit, a missing chain), as `trace` says.
  public var notes: [String]

  /// Computes the report for one ruleset, or refuses when the exact answer needs more than `memoryLimit` bytes.
  public init(
    ruleset: Ruleset, chain: String, from: [AddressRange], to: [AddressRange], analyzeRules: Bool,
    memoryLimit: Int = PacketSpace.defaultMemoryLimit
  ) throws(PacketSpaceOverBudget) {
    let space = PacketSpace(rulesets: [ruleset], memoryLimit: memoryLimit)
    let evaluator = PolicyEvaluator(space: space, ruleset: ruleset)
    let analyzer = ReachabilityAnalyzer(space: space)
    let permitted = evaluator.permitted(entry: chain)
    // Only the families the config governs: an iptables-save file says nothing about IPv6 (ip6tables is separate).
    var governed = BDD.falseNode
    for table in ruleset.tables where table.isFilter {
      for family in table.families { governed = space.bdd.or(governed, space.family(family)) }
    }
    let scope = space.bdd.and(space.universe, governed)
    let set = analyzer.restrict(space.bdd.and(permitted, scope), from: from, to: to)
    let whole = analyzer.restrict(scope, from: from, to: to)
    file = ruleset.file
    self.chain = chain
    self.from = from
    self.to = to
    services = analyzer.services(set, whole: whole)
    findings = analyzeRules ? RuleAnalyzer(evaluator: evaluator).analyze() : []
    diagnostics = ruleset.diagnostics
    notes = evaluator.notes
    try space.checkBudget()
  }
}
