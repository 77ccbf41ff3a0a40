import BulkheadModel

extension Ruleset {
  /// Finds jump/goto cycles between chains (the kernel refuses to load them: iptables-restore reports "Too many
  /// levels of symbolic links", nft "Too many levels of symbolic links" / ELOOP) and cuts each one at the rule that
  /// closes it, which becomes non-terminating, with an error diagnostic naming the rule. Evaluation then always ends.
  public mutating func cutJumpLoops() {
    for t in tables.indices {
      let chains = tables[t].chains
      var index: [String: Int] = [:]
      for (i, chain) in chains.enumerated() where index[chain.name] == nil { index[chain.name] = i }
      // 0 unvisited, 1 on the stack, 2 done.
      var state = [Int](repeating: 0, count: chains.count)
      var cuts: [(chain: Int, rule: Int, target: String)] = []
      for root in chains.indices where state[root] == 0 {
        // Iterative DFS: (chain, next rule to look at).
        var stack: [(Int, Int)] = [(root, 0)]
        state[root] = 1
        while let (c, r) = stack.last {
          if r >= chains[c].rules.count {
            state[c] = 2
            stack.removeLast()
            continue
          }
          stack[stack.count - 1].1 += 1
          let target: String
          switch chains[c].rules[r].action {
          case .jump(let name), .goto(let name): target = name
          default: continue
          }
          guard let callee = index[target] else { continue }
          if state[callee] == 1 {
            cuts.append((c, r, target))
          } else if state[callee] == 0 {
            state[callee] = 1
            stack.append((callee, 0))
          }
        }
      }
      for cut in cuts {
        let provenance = tables[t].chains[cut.chain].rules[cut.rule].provenance
        tables[t].chains[cut.chain].rules[cut.rule].action = .continue("jump loop to \(cut.target)")
        diagnostics.append(
          Diagnostic(
            .error, .jumpLoop,
            "jump to \(cut.target) closes a loop of chains (the kernel refuses to load such a ruleset); "
              + "this jump is ignored", at: SourceLocation(file: provenance.file, line: provenance.line)))
      }
    }
  }
}
