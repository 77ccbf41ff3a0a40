import BulkheadModel

/// The packet tracer: runs one concrete packet through a ruleset's base chains and reports the deciding rule.
public struct Tracer: Sendable {
  /// The ruleset being traced.
  public let ruleset: Ruleset
  /// Deepest jump nesting followed before the tracer gives up on a loop (the kernel refuses loops at load time).
  public static let maximumDepth = 64

  /// Creates a tracer over a parsed ruleset.
  public init(ruleset: Ruleset) {
    self.ruleset = ruleset
  }

  private enum Outcome {
    case decided(Verdict, Provenance, String)
    case returned
  }

  /// Traces a packet through the base chains selected by `entry` (a hook name like `forward` or a chain name).
  ///
  /// Base chains on the same hook run in priority order; an accept passes the packet to the next one, a drop or
  /// reject ends it (nft semantics; iptables has one filter chain per hook). With no chain on the path at all, the
  /// ruleset's ``Ruleset/unfilteredVerdict`` decides (netfilter accepts).
  public func trace(_ packet: Packet, entry: String = "forward") -> TraceResult {
    var path: [TraceStep] = []
    var notes: [String] = []
    let chains = ruleset.entryChains(named: entry)
    if chains.isEmpty {
      let verdict = ruleset.unfilteredVerdict
      notes.append(
        "no filter chain for '\(entry)'; \(ruleset.vendor) \(verdict == .allow ? "accepts" : "denies") by default")
      return TraceResult(verdict: verdict, rule: nil, chain: entry, path: [], notes: notes)
    }
    var last: (rule: Provenance?, chain: String) = (nil, chains[0].chain.name)
    for (table, chain) in chains {
      guard table.families.contains(packet.source.family) else {
        notes.append("table \(table.name) does not see \(packet.source.family) packets")
        continue
      }
      let outcome = run(chain, in: table, packet, depth: 0, path: &path, notes: &notes)
      switch outcome {
      case .decided(let verdict, let rule, let chainName):
        if verdict == .deny {
          return TraceResult(verdict: .deny, rule: rule, chain: chainName, path: path, notes: notes)
        }
        last = (rule, chainName)
      case .returned:
        let policy = chain.policy ?? .allow
        if policy == .deny {
          return TraceResult(verdict: .deny, rule: nil, chain: chain.name, path: path, notes: notes)
        }
        last = (nil, chain.name)
      }
    }
    return TraceResult(verdict: .allow, rule: last.rule, chain: last.chain, path: path, notes: notes)
  }

  private func run(
    _ chain: Chain, in table: Table, _ packet: Packet, depth: Int, path: inout [TraceStep], notes: inout [String]
  ) -> Outcome {
    if depth > Tracer.maximumDepth {
      notes.append("jump depth above \(Tracer.maximumDepth) at chain \(chain.name); treated as return")
      return .returned
    }
    for (position, rule) in chain.rules.enumerated() {
      let matched = MatchEvaluator.matches(rule, packet)
      path.append(
        TraceStep(
          chain: chain.name, position: position, rule: rule.provenance, matched: matched,
          action: rule.action.description))
      guard matched else { continue }
      if !rule.unsupported.isEmpty {
        notes.append(
          "\(rule.provenance.locationText): unsupported condition assumed to "
            + (rule.assumesUnsupportedMatch ? "hold" : "fail"))
      }
      switch rule.action {
      case .accept: return .decided(.allow, rule.provenance, chain.name)
      case .drop, .reject: return .decided(.deny, rule.provenance, chain.name)
      case .return: return .returned
      case .log, .continue: continue
      case .jump(let target), .goto(let target):
        guard let callee = table.chain(named: target) else {
          notes.append("\(rule.provenance.locationText): chain \(target) not found; rule ignored")
          continue
        }
        let outcome = run(callee, in: table, packet, depth: depth + 1, path: &path, notes: &notes)
        if case .decided = outcome { return outcome }
        if case .goto = rule.action { return .returned }
      }
    }
    return .returned
  }
}
