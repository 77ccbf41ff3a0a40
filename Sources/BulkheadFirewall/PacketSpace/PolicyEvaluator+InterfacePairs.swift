extension PolicyEvaluator {
  /// The fold of ``accepted(table:chain:continuation:depth:)`` for a long chain whose rules are bound to interfaces
  /// (a FortiGate or PAN-OS policy list: every policy names its `srcintf`/`dstintf` or zones), one interface pair at
  /// a time; `nil` when the chain does not have that shape (short, jumps, or many rules bound to no interface).
  ///
  /// Interfaces sit at the top of the variable order, so the permitted set is a tree over the input and output
  /// interface bits whose leaves are the answers for one pair. A rule bound to exact interfaces (its first
  /// non-negated input or output interface match names only exact names, ``InterfaceDispatch/binding(_:input:)``)
  /// can only take packets of those interfaces' classes: each pair's leaf is the backward fold of the rules that can
  /// match it, their binding conditions left out (they hold on that pair), everything else cofactored to the pair.
  /// Every bit pattern of the interface blocks gets its leaf, so the tree is the same function as the plain fold,
  /// hence the same node (``GeneratedPlantTests`` compares them). The plain fold on a flat 10k-policy list walked
  /// every rule's diagram down through the interface bits; per pair, rules only meet their own pair's rules.
  func acceptedByInterfacePair(table t: Int, chain c: Int, continuation: BDD.Node) -> BDD.Node? {
    let rules = ruleset.tables[t].chains[c].rules
    guard rules.count >= InterfaceDispatch.minimumRules else { return nil }
    let bdd = space.bdd
    let inBlock = space.layout.inInterface
    let outBlock = space.layout.outInterface
    let inValues = 1 << inBlock.count
    let outValues = 1 << outBlock.count
    var shared: [Int] = []
    var bound: [[Int]] = Array(repeating: [], count: inValues * outValues)
    var boundEntries = 0
    for (index, rule) in rules.enumerated() {
      switch rule.action {
      case .jump, .goto: return nil
      default: break
      }
      let ins = InterfaceDispatch.binding(rule, input: true)
      let outs = InterfaceDispatch.binding(rule, input: false)
      if ins == nil && outs == nil {
        shared.append(index)
        continue
      }
      let inClasses = ins.map { Set($0.names.map(space.interfaces.classOf)).sorted() } ?? Array(0..<inValues)
      let outClasses = outs.map { Set($0.names.map(space.interfaces.classOf)).sorted() } ?? Array(0..<outValues)
      boundEntries += inClasses.count * outClasses.count
      for i in inClasses { for o in outClasses { bound[i * outValues + o].append(index) } }
    }
    // Worth it only when the pairs' lists together stay near the chain's length.
    guard boundEntries > 0, boundEntries + shared.count * inValues * outValues <= 8 * rules.count else { return nil }

    func pair(_ n: BDD.Node, _ i: Int, _ o: Int) -> BDD.Node {
      guard bdd.variable(of: n) < outBlock.upperBound else { return n }
      let entering = bdd.cofactor(n, block: inBlock, value: UInt64(i))
      return bdd.cofactor(entering, block: outBlock, value: UInt64(o))
    }
    var leaves: [BDD.Node] = Array(repeating: BDD.falseNode, count: inValues * outValues)
    for i in 0..<inValues {
      for o in 0..<outValues {
        if bdd.isOverBudget { return BDD.falseNode }
        // The pair's candidates in chain order: its bound rules merged with the shared ones.
        let own = bound[i * outValues + o]
        var candidates: [Int] = []
        candidates.reserveCapacity(own.count + shared.count)
        var a = 0
        var b = 0
        while a < own.count || b < shared.count {
          if b == shared.count || (a < own.count && own[a] < shared[b]) {
            candidates.append(own[a])
            a += 1
          } else {
            candidates.append(shared[b])
            b += 1
          }
        }
        let leave = pair(continuation, i, o)
        var rest = leave
        for index in candidates.reversed() {
          if bdd.isOverBudget { break }
          let m = pair(pairMatchSet(table: t, chain: c, rule: index), i, o)
          if m == BDD.falseNode { continue }
          switch rules[index].action {
          case .accept: rest = bdd.ite(m, BDD.trueNode, rest)
          case .drop, .reject: rest = bdd.ite(m, BDD.falseNode, rest)
          case .return: rest = bdd.ite(m, leave, rest)
          case .log, .continue, .jump, .goto: break
          }
        }
        leaves[i * outValues + o] = rest
      }
    }
    // The tree over the interface bits, most significant first (make collapses equal children).
    func tree(_ block: Range<Int>, depth: Int, prefix: Int, _ leaf: (Int) -> BDD.Node) -> BDD.Node {
      if depth == block.count { return leaf(prefix) }
      let low = tree(block, depth: depth + 1, prefix: prefix << 1, leaf)
      let high = tree(block, depth: depth + 1, prefix: prefix << 1 | 1, leaf)
      return bdd.make(block.lowerBound + depth, low: low, high: high)
    }
    return tree(inBlock, depth: 0, prefix: 0) { i in
      tree(outBlock, depth: 0, prefix: 0) { o in leaves[i * outValues + o] }
    }
  }

  /// A rule's match set without its binding interface conditions (cached; not intersected with the universe).
  func pairMatchSet(table t: Int, chain c: Int, rule r: Int) -> BDD.Node {
    let id = RuleID(table: t, chain: c, rule: r)
    if let hit = pairMatchCache[id] { return hit }
    var rule = ruleset.tables[t].chains[c].rules[r]
    let drop = [
      InterfaceDispatch.binding(rule, input: true)?.match, InterfaceDispatch.binding(rule, input: false)?.match,
    ]
    if drop.contains(where: { $0 != nil }) {
      rule.matches = rule.matches.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }
    let set = space.encode(rule)
    pairMatchCache[id] = set
    return set
  }
}
