import BulkheadModel

/// Computes, as exact packet sets, what a ruleset's base chains on one hook accept, and which packets reach and
/// first-match each rule (first-match semantics with jump, goto, return and default policies).
public final class PolicyEvaluator {
  /// The packet space the sets live in.
  public let space: PacketSpace
  /// The ruleset.
  public let ruleset: Ruleset
  /// Deepest jump nesting followed (the kernel refuses loops at load time; a loop here is cut as a return).
  public static let maximumDepth = 64

  /// Packets that reach each rule's position (before its own match), over every calling context.
  public private(set) var reaching: [RuleID: BDD.Node] = [:]
  /// Packets for which each rule is the first to match, over every calling context.
  public private(set) var firstMatch: [RuleID: BDD.Node] = [:]
  /// Notes about loops and missing chains met while evaluating.
  public private(set) var notes: [String] = []
  private var matchCache: [RuleID: BDD.Node] = [:]

  /// What happened to the packets that entered a chain.
  public struct Outcome {
    /// Packets accepted.
    public var accepted: BDD.Node
    /// Packets dropped or rejected.
    public var denied: BDD.Node
    /// Packets that left the chain by return or by falling off its end.
    public var returned: BDD.Node
  }

  /// Creates an evaluator.
  public init(space: PacketSpace, ruleset: Ruleset) {
    self.space = space
    self.ruleset = ruleset
  }

  /// The set of packets a rule matches (cached).
  public func matchSet(_ id: RuleID) -> BDD.Node {
    if let hit = matchCache[id] { return hit }
    let rule = ruleset.tables[id.table].chains[id.chain].rules[id.rule]
    let set = space.encode(rule)
    matchCache[id] = set
    return set
  }

  /// The packets the base chains selected by `entry` (a hook or chain name) let through, within `input`.
  ///
  /// Base chains on one hook run in priority order and all must accept; a table that does not see a family lets
  /// that family pass. With no base chain at all, netfilter accepts.
  public func permitted(entry: String = "forward", input: BDD.Node? = nil) -> BDD.Node {
    let bdd = space.bdd
    var allowed = input ?? space.universe
    for (table, chain) in ruleset.entryChains(named: entry) {
      guard let t = ruleset.tables.firstIndex(of: table), let c = table.chains.firstIndex(of: chain) else { continue }
      var seen = BDD.falseNode
      for family in table.families { seen = bdd.or(seen, space.family(family)) }
      let outcome = run(table: t, chain: c, input: bdd.and(allowed, seen), depth: 0)
      let policyAllows = (chain.policy ?? .allow) == .allow
      let passed = policyAllows ? bdd.or(outcome.accepted, outcome.returned) : outcome.accepted
      allowed = bdd.or(bdd.diff(allowed, seen), passed)
    }
    return allowed
  }

  /// Evaluates one chain for a set of packets.
  public func run(table t: Int, chain c: Int, input: BDD.Node, depth: Int, from start: Int = 0, record: Bool = true)
    -> Outcome
  {
    let bdd = space.bdd
    var outcome = Outcome(accepted: BDD.falseNode, denied: BDD.falseNode, returned: BDD.falseNode)
    if depth > PolicyEvaluator.maximumDepth {
      notes.append("jump depth above \(PolicyEvaluator.maximumDepth) in chain \(ruleset.tables[t].chains[c].name)")
      outcome.returned = input
      return outcome
    }
    let table = ruleset.tables[t]
    let chain = table.chains[c]
    var rest = input
    for index in chain.rules.indices.dropFirst(start) {
      let id = RuleID(table: t, chain: c, rule: index)
      if record { reaching[id] = bdd.or(reaching[id] ?? BDD.falseNode, rest) }
      if rest == BDD.falseNode { continue }
      let m = bdd.and(rest, matchSet(id))
      if record { firstMatch[id] = bdd.or(firstMatch[id] ?? BDD.falseNode, m) }
      if m == BDD.falseNode { continue }
      switch chain.rules[index].action {
      case .accept:
        outcome.accepted = bdd.or(outcome.accepted, m)
        rest = bdd.diff(rest, m)
      case .drop, .reject:
        outcome.denied = bdd.or(outcome.denied, m)
        rest = bdd.diff(rest, m)
      case .return:
        outcome.returned = bdd.or(outcome.returned, m)
        rest = bdd.diff(rest, m)
      case .log, .continue:
        break
      case .jump(let target), .goto(let target):
        guard let callee = table.chains.firstIndex(where: { $0.name == target }) else {
          notes.append("chain \(target) not found (from \(chain.rules[index].provenance.locationText)); rule ignored")
          continue
        }
        let inner = run(table: t, chain: callee, input: m, depth: depth + 1, record: record)
        outcome.accepted = bdd.or(outcome.accepted, inner.accepted)
        outcome.denied = bdd.or(outcome.denied, inner.denied)
        rest = bdd.diff(rest, m)
        if case .goto = chain.rules[index].action {
          outcome.returned = bdd.or(outcome.returned, inner.returned)
        } else {
          rest = bdd.or(rest, inner.returned)
        }
      }
    }
    outcome.returned = bdd.or(outcome.returned, rest)
    return outcome
  }
}
