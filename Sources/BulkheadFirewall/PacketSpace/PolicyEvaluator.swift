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
  /// Match sets without the interface conditions that bind a rule to its interface pair (see
  /// ``acceptedByInterfacePair(table:chain:continuation:)``).
  var pairMatchCache: [RuleID: BDD.Node] = [:]
  /// Whether long chains of interface-bound rules are folded one interface pair at a time (tests turn it off to
  /// compare with the plain fold; the answer is the same node either way).
  var foldsByInterfacePair = true

  /// What happened to the packets that entered a chain.
  public struct Outcome {
    /// Packets accepted.
    public var accepted: BDD.Node
    /// Packets dropped or rejected.
    public var denied: BDD.Node
    /// Packets that left the chain by return or by falling off its end.
    public var returned: BDD.Node
  }

  private func note(_ text: String) {
    if !notes.contains(text) { notes.append(text) }
  }

  /// Creates an evaluator.
  public init(space: PacketSpace, ruleset: Ruleset) {
    self.space = space
    self.ruleset = ruleset
  }

  /// The set of packets a rule matches (cached; not intersected with the universe).
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
  /// that family pass. With no base chain at all, the ruleset's ``Ruleset/unfilteredVerdict`` decides.
  public func permitted(entry: String = "forward", input: BDD.Node? = nil) -> BDD.Node {
    let bdd = space.bdd
    var allowed = input ?? space.universe
    let chains = ruleset.entryChains(named: entry)
    if chains.isEmpty && ruleset.unfilteredVerdict == .deny { return BDD.falseNode }
    for (table, chain) in chains {
      guard let t = ruleset.tables.firstIndex(where: { $0.name == table.name && $0.families == table.families }),
        let c = ruleset.tables[t].chains.firstIndex(where: { $0.name == chain.name })
      else { continue }
      var seen = BDD.falseNode
      for family in table.families { seen = bdd.or(seen, space.family(family)) }
      let policy = (chain.policy ?? .allow) == .allow ? BDD.trueNode : BDD.falseNode
      let passed = accepted(table: t, chain: c, continuation: policy, depth: 0)
      allowed = bdd.and(allowed, bdd.or(passed, bdd.not(seen)))
    }
    return allowed
  }

  /// Runs the base chains of `entry` forwards over every packet, recording for each rule the packets that reach
  /// it and those it matches first (``reaching``, ``firstMatch``); the per-rule analysis reads these.
  public func record(entry: String) {
    let bdd = space.bdd
    for (table, chain) in ruleset.entryChains(named: entry) {
      guard let t = ruleset.tables.firstIndex(where: { $0.name == table.name && $0.families == table.families }),
        let c = ruleset.tables[t].chains.firstIndex(where: { $0.name == chain.name })
      else { continue }
      var seen = BDD.falseNode
      for family in table.families { seen = bdd.or(seen, space.family(family)) }
      _ = run(table: t, chain: c, input: bdd.and(space.universe, seen), depth: 0)
    }
  }

  private struct ChainID: Hashable {
    var table: Int
    var chain: Int
  }
  private var liveCache: [ChainID: [Int]] = [:]

  /// The indices of the rules of a chain that can match a packet no earlier rule of the chain has taken: a rule
  /// whose match lies inside the union of the matches of the earlier rules that end the chain for their packets
  /// (accept, drop, reject, return, goto; not jump, log or continue) is never reached, whoever calls the chain.
  /// The union is grown forwards, which costs about each rule's own size, and stops growing once it holds everything.
  public func liveRules(table t: Int, chain c: Int) -> [Int] {
    let key = ChainID(table: t, chain: c)
    if let hit = liveCache[key] { return hit }
    let bdd = space.bdd
    let rules = ruleset.tables[t].chains[c].rules
    var taken = BDD.falseNode
    var live: [Int] = []
    for index in rules.indices {
      if taken == BDD.trueNode || bdd.isOverBudget { break }
      let m = matchSet(RuleID(table: t, chain: c, rule: index))
      if m == BDD.falseNode || bdd.isSubset(m, of: taken) { continue }
      live.append(index)
      switch rules[index].action {
      case .accept, .drop, .reject, .return, .goto: taken = bdd.or(taken, m)
      case .jump, .log, .continue: break
      }
    }
    liveCache[key] = live
    return live
  }

  private struct ChainCall: Hashable {
    var table: Int
    var chain: Int
    var continuation: BDD.Node
  }
  private var acceptedCache: [ChainCall: BDD.Node] = [:]

  /// The packets a chain ends up accepting when packets that leave it (return or fall off its end) are accepted
  /// exactly when they are in `continuation`. Folded from the last rule backwards with if-then-else, so each rule
  /// costs about the size of its own match set: `accept` is `ite(m, ⊤, rest)`, `drop` `ite(m, ⊥, rest)`, `return`
  /// `ite(m, continuation, rest)`, `jump X` `ite(m, X(rest), rest)` and `goto X` `ite(m, X(continuation), rest)`.
  ///
  /// Only the chain's live rules are folded (``liveRules(table:chain:)``): behind a rule that decides everything
  /// left, or a run of rules that together do, the fold had rebuilt every suffix of a 100k-rule chain (issue 23).
  public func accepted(table t: Int, chain c: Int, continuation: BDD.Node, depth: Int) -> BDD.Node {
    let key = ChainCall(table: t, chain: c, continuation: continuation)
    if let hit = acceptedCache[key] { return hit }
    let table = ruleset.tables[t]
    let chain = table.chains[c]
    if depth > PolicyEvaluator.maximumDepth {
      // As the tracer does: the chain is cut and its packets return; the note makes the answer say so.
      note("jump depth above \(PolicyEvaluator.maximumDepth) in chain \(chain.name); treated as return")
      return continuation
    }
    if foldsByInterfacePair, let split = acceptedByInterfacePair(table: t, chain: c, continuation: continuation) {
      acceptedCache[key] = split
      return split
    }
    let bdd = space.bdd
    var rest = continuation
    for index in liveRules(table: t, chain: c).reversed() {
      if bdd.isOverBudget { break }
      let rule = chain.rules[index]
      let m = matchSet(RuleID(table: t, chain: c, rule: index))
      if m == BDD.falseNode { continue }
      switch rule.action {
      case .accept: rest = bdd.ite(m, BDD.trueNode, rest)
      case .drop, .reject: rest = bdd.ite(m, BDD.falseNode, rest)
      case .return: rest = bdd.ite(m, continuation, rest)
      case .log, .continue: break
      case .jump(let target), .goto(let target):
        guard let callee = table.chains.firstIndex(where: { $0.name == target }) else {
          note("chain \(target) not found (from \(rule.provenance.locationText)); rule ignored")
          continue
        }
        // Only packets in `m` enter the callee, and its answer for a packet depends on the continuation at that
        // packet alone: restrict the continuation to `m`. Without this, the callee's rules were folded into the
        // continuation's every other branch (every other interface pair), quadratic in the number of chains.
        let after: BDD.Node
        if case .goto = rule.action { after = bdd.and(continuation, m) } else { after = bdd.and(rest, m) }
        rest = bdd.ite(m, accepted(table: t, chain: callee, continuation: after, depth: depth + 1), rest)
      }
    }
    acceptedCache[key] = rest
    return rest
  }

  /// Evaluates one chain for a set of packets.
  public func run(table t: Int, chain c: Int, input: BDD.Node, depth: Int, from start: Int = 0, record: Bool = true)
    -> Outcome
  {
    let bdd = space.bdd
    var outcome = Outcome(accepted: BDD.falseNode, denied: BDD.falseNode, returned: BDD.falseNode)
    if depth > PolicyEvaluator.maximumDepth {
      note("jump depth above \(PolicyEvaluator.maximumDepth) in chain \(ruleset.tables[t].chains[c].name)")
      outcome.returned = input
      return outcome
    }
    let table = ruleset.tables[t]
    let chain = table.chains[c]
    var rest = input
    for index in chain.rules.indices.dropFirst(start) {
      if bdd.isOverBudget { break }
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
          note("chain \(target) not found (from \(chain.rules[index].provenance.locationText)); rule ignored")
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
