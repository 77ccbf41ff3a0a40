import BulkheadModel

/// Per-rule analysis over exact packet sets: unreachable, shadowed, redundant and overly broad rules.
public struct RuleAnalyzer {
  /// The evaluator (already run for the hooks of interest, or run here).
  public let evaluator: PolicyEvaluator
  /// Chains longer than this skip the redundancy check (it re-evaluates the chain tail once per rule).
  public var redundancyLimit = 2_000

  /// Creates an analyzer.
  public init(evaluator: PolicyEvaluator) {
    self.evaluator = evaluator
  }

  /// Analyzes every filter rule reachable from the given hooks (default: input and forward).
  public func analyze(hooks: [ChainHook] = [.input, .forward, .output]) -> [RuleFinding] {
    let space = evaluator.space
    let bdd = space.bdd
    let ruleset = evaluator.ruleset
    for hook in hooks { evaluator.record(entry: hook.rawValue) }
    var findings: [RuleFinding] = []
    for (t, table) in ruleset.tables.enumerated() where table.isFilter {
      for (c, chain) in table.chains.enumerated() where chain.isFilter {
        for (r, rule) in chain.rules.enumerated() {
          let id = RuleID(table: t, chain: c, rule: r)
          let match = bdd.and(evaluator.matchSet(id), space.universe)
          let reach = evaluator.reaching[id] ?? BDD.falseNode
          let first = evaluator.firstMatch[id] ?? BDD.falseNode
          if match == BDD.falseNode && rule.unsupported.isEmpty {
            findings.append(RuleFinding(kind: .matchesNothing, rule: rule.provenance, chain: chain.name))
          } else if match == BDD.falseNode {
            continue  // an unsupported condition assumed false: the diagnostic already says so
          } else if reach == BDD.falseNode {
            findings.append(RuleFinding(kind: .unreachable, rule: rule.provenance, chain: chain.name))
          } else if first == BDD.falseNode {
            // Name the earlier rules whose matches overlap this one's (the usual culprits), at most three.
            var culprits: [Provenance] = []
            for earlier in chain.rules.indices.prefix(r).reversed() where culprits.count < 3 {
              let other = evaluator.matchSet(RuleID(table: t, chain: c, rule: earlier))
              let takes: Bool
              switch chain.rules[earlier].action {
              case .log, .continue: takes = false
              default: takes = true
              }
              if takes && bdd.and(other, match) != BDD.falseNode {
                culprits.append(chain.rules[earlier].provenance)
              }
            }
            findings.append(
              RuleFinding(kind: .shadowed, rule: rule.provenance, chain: chain.name, shadowedBy: culprits.reversed()))
          } else if rule.action.isTerminal, chain.rules.count <= redundancyLimit,
            isRedundant(id, rule: rule, chain: chain, decided: first)
          {
            findings.append(RuleFinding(kind: .redundant, rule: rule.provenance, chain: chain.name))
          }
          if rule.action == .accept {
            findings.append(contentsOf: broadness(rule, chain: chain.name, decided: first))
          }
        }
      }
    }
    return findings.sorted {
      ($0.rule.file, $0.rule.line, $0.rule.index ?? 0, $0.kind.rawValue) < (
        $1.rule.file, $1.rule.line, $1.rule.index ?? 0, $1.kind.rawValue
      )
    }
  }

  /// Whether the packets this rule decides would get the same verdict from the rest of its chain.
  private func isRedundant(_ id: RuleID, rule: Rule, chain: Chain, decided: BDD.Node) -> Bool {
    let bdd = evaluator.space.bdd
    let tail = evaluator.run(
      table: id.table, chain: id.chain, input: decided, depth: 0, from: id.rule + 1, record: false)
    // Packets falling off a user chain return to an unknown caller: they do not count as the same verdict.
    var accepted = tail.accepted
    var denied = tail.denied
    if chain.hook != nil {
      if (chain.policy ?? .allow) == .allow {
        accepted = bdd.or(accepted, tail.returned)
      } else {
        denied = bdd.or(denied, tail.returned)
      }
    }
    switch rule.action {
    case .accept: return accepted == decided
    case .drop, .reject: return denied == decided
    default: return false
    }
  }

  /// Overly broad accepting rules, judged on the packets the rule actually decides (so a rule in a chain entered
  /// only for one subnet is not "any source"): the decided set covers every source address of a family, every
  /// destination, or every protocol, port and ICMP type.
  private func broadness(_ rule: Rule, chain: String, decided: BDD.Node) -> [RuleFinding] {
    let space = evaluator.space
    let bdd = space.bdd
    let layout = space.layout
    let family = layout.family..<(layout.family + 1)
    func covers(_ blocks: [Range<Int>]) -> Bool {
      let mine = bdd.project(decided, keep: blocks)
      let all = bdd.project(space.universe, keep: blocks)
      for f in [IPAddress.Family.v4, .v6] {
        let scope = space.family(f)
        let a = bdd.and(all, scope)
        if a != BDD.falseNode && bdd.and(mine, scope) == a { return true }
      }
      return false
    }
    var found: [RuleFinding] = []
    // A rule that only lets return traffic through (established/related) opens no new conversation.
    let newConnections = bdd.and(decided, space.value(UInt64(ConnectionState.new.code), in: layout.state))
    if newConnections == BDD.falseNode { return found }
    if covers([family, layout.source]) {
      found.append(RuleFinding(kind: .anySource, rule: rule.provenance, chain: chain))
    }
    if covers([family, layout.destination]) {
      found.append(RuleFinding(kind: .anyDestination, rule: rule.provenance, chain: chain))
    }
    if covers([family, layout.proto, layout.destinationPort, layout.icmpType]) {
      found.append(RuleFinding(kind: .anyService, rule: rule.provenance, chain: chain))
    }
    return found
  }
}
