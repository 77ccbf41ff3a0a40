import BulkheadModel

/// The packet tracer: runs one concrete packet through a ruleset's base chains and reports the deciding rule.
public struct Tracer: Sendable {
  /// The ruleset being traced.
  public let ruleset: Ruleset
  /// Deepest jump nesting followed before the tracer gives up on a loop (the kernel refuses loops at load time).
  public static let maximumDepth = 64

  /// Per table, the interface index of each long chain by name (``InterfaceDispatch``), used by path-free traces.
  private let dispatch: [[String: InterfaceDispatch]]

  /// Creates a tracer over a parsed ruleset (indexing its long chains by interface: build one tracer per ruleset and
  /// keep it, rather than one per packet).
  public init(ruleset: Ruleset) {
    self.ruleset = ruleset
    dispatch = ruleset.tables.map { table in
      var byName: [String: InterfaceDispatch] = [:]
      for chain in table.chains where byName[chain.name] == nil {
        if let index = InterfaceDispatch(chain) { byName[chain.name] = index }
      }
      return byName
    }
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
  ///
  /// With `recordingPath` false the result's path is empty, and a long chain is walked only over the rules that can
  /// match the packet's interfaces (``InterfaceDispatch``): the same verdict, rule, chain and notes, for callers that
  /// want the deciding rule of many packets (witness evidence, observed flows, batches).
  public func trace(_ packet: Packet, entry: String = "forward", recordingPath: Bool = true) -> TraceResult {
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
      let walk = Walk(
        packet: packet, table: table, index: recordingPath ? [:] : index(of: table), recordingPath: recordingPath)
      let outcome = run(chain, walk, depth: 0, path: &path, notes: &notes)
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

  /// What stays the same down one base chain's jumps.
  private struct Walk {
    var packet: Packet
    var table: Table
    /// The interface index of the table's long chains (empty when recording the path).
    var index: [String: InterfaceDispatch]
    var recordingPath: Bool
  }

  /// The interface index of a table, found by name and families; none when two tables share both.
  private func index(of table: Table) -> [String: InterfaceDispatch] {
    let same = ruleset.tables.indices.filter {
      ruleset.tables[$0].name == table.name && ruleset.tables[$0].families == table.families
    }
    return same.count == 1 ? dispatch[same[0]] : [:]
  }

  private func run(_ chain: Chain, _ walk: Walk, depth: Int, path: inout [TraceStep], notes: inout [String])
    -> Outcome
  {
    if depth > Tracer.maximumDepth {
      notes.append("jump depth above \(Tracer.maximumDepth) at chain \(chain.name); treated as return")
      return .returned
    }
    if let index = walk.index[chain.name] {
      for position in index.rules(input: walk.packet.inInterface, output: walk.packet.outInterface) {
        let rule = chain.rules[Int(position)]
        guard MatchEvaluator.matches(rule, walk.packet) else { continue }
        if let outcome = apply(rule, of: chain, walk, depth: depth, path: &path, notes: &notes) { return outcome }
      }
      return .returned
    }
    for (position, rule) in chain.rules.enumerated() {
      let matched = MatchEvaluator.matches(rule, walk.packet)
      if walk.recordingPath {
        path.append(
          TraceStep(
            chain: chain.name, position: position, rule: rule.provenance, matched: matched,
            action: rule.action.description))
      }
      guard matched else { continue }
      if let outcome = apply(rule, of: chain, walk, depth: depth, path: &path, notes: &notes) { return outcome }
    }
    return .returned
  }

  /// What a matched rule does: an outcome that ends the chain, or `nil` to go on with the next rule.
  private func apply(
    _ rule: Rule, of chain: Chain, _ walk: Walk, depth: Int, path: inout [TraceStep], notes: inout [String]
  ) -> Outcome? {
    if !rule.unsupported.isEmpty {
      notes.append(
        "\(rule.provenance.locationText): unsupported condition assumed to "
          + (rule.assumesUnsupportedMatch ? "hold" : "fail"))
    }
    switch rule.action {
    case .accept: return .decided(.allow, rule.provenance, chain.name)
    case .drop, .reject: return .decided(.deny, rule.provenance, chain.name)
    case .return: return .returned
    case .log, .continue: return nil
    case .jump(let target), .goto(let target):
      guard let callee = walk.table.chain(named: target) else {
        notes.append("\(rule.provenance.locationText): chain \(target) not found; rule ignored")
        return nil
      }
      let outcome = run(callee, walk, depth: depth + 1, path: &path, notes: &notes)
      if case .decided = outcome { return outcome }
      if case .goto = rule.action { return .returned }
      return nil
    }
  }
}
