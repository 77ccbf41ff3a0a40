/// A reduced ordered binary decision diagram manager: the exact set representation of the packet-space engine.
///
/// Nodes live in flat arrays and are hash-consed through a unique table, so two equal sets are the same node and
/// set equality is an integer comparison (Bryant 1986, "Graph-Based Algorithms for Boolean Function Manipulation").
/// `and`/`or`/`not`/`ite` are memoized in fixed-size lossy caches, which bounds their memory.
public final class BDD {
  /// A node handle; ``BDD/falseNode`` and ``BDD/trueNode`` are the terminals.
  public typealias Node = Int32

  /// The empty set.
  public static let falseNode: Node = 0
  /// The full set.
  public static let trueNode: Node = 1

  /// Number of variables (bits); variable 0 is tested first.
  public let variableCount: Int

  // Storage is raw memory owned by this object: Swift arrays held in a class pay a dynamic exclusivity check on every
  // access, which dominated the run time (measured ~10× on the benchmark). Every index below is a node id this
  // manager created, or a slot masked into its table.
  private var variables: UnsafeMutablePointer<Int32>
  private var lows: UnsafeMutablePointer<Int32>
  private var highs: UnsafeMutablePointer<Int32>
  private var nodeCapacity: Int
  private var nodesUsed: Int

  // Unique table: open addressing with linear probing over packed (variable, low, high) keys; 0 marks a free slot
  // (no reduced node has low == high == 0). Operation caches are direct-mapped and lossy, as in CUDD: a collision
  // overwrites, which costs a recomputation, never a wrong answer, and bounds their memory.
  private var uniqueKeys: UnsafeMutablePointer<UInt64>
  private var uniqueValues: UnsafeMutablePointer<Int32>
  private var uniqueCapacity: Int
  private var uniqueBits: Int
  private var uniqueCount = 0
  private static let cacheBits = 20
  private static let cacheSize = 1 << cacheBits
  private let andKeys: UnsafeMutablePointer<UInt64>
  private let andValues: UnsafeMutablePointer<Int32>
  private let orKeys: UnsafeMutablePointer<UInt64>
  private let orValues: UnsafeMutablePointer<Int32>
  private let notKeys: UnsafeMutablePointer<Int32>
  private let notValues: UnsafeMutablePointer<Int32>
  private let iteKeys: UnsafeMutablePointer<UInt64>
  private let iteKeys2: UnsafeMutablePointer<Int32>
  private let iteValues: UnsafeMutablePointer<Int32>

  @inline(__always) private static func slot(_ key: UInt64, bits: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
  }

  private static func filled<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: count)
    p.initialize(repeating: value, count: count)
    return p
  }

  /// Creates a manager for `variableCount` variables (at most 1023).
  public init(variableCount: Int) {
    self.variableCount = min(variableCount, 1023)
    let terminal = Int32(self.variableCount)
    nodeCapacity = 1 << 16
    variables = BDD.filled(nodeCapacity, terminal)
    lows = BDD.filled(nodeCapacity, 0)
    highs = BDD.filled(nodeCapacity, 0)
    lows[1] = 1
    highs[1] = 1
    nodesUsed = 2
    uniqueCapacity = 1 << 16
    uniqueBits = 16
    uniqueKeys = BDD.filled(uniqueCapacity, 0)
    uniqueValues = BDD.filled(uniqueCapacity, 0)
    andKeys = BDD.filled(BDD.cacheSize, .max)
    andValues = BDD.filled(BDD.cacheSize, 0)
    orKeys = BDD.filled(BDD.cacheSize, .max)
    orValues = BDD.filled(BDD.cacheSize, 0)
    notKeys = BDD.filled(BDD.cacheSize, -1)
    notValues = BDD.filled(BDD.cacheSize, 0)
    iteKeys = BDD.filled(BDD.cacheSize, .max)
    iteKeys2 = BDD.filled(BDD.cacheSize, -1)
    iteValues = BDD.filled(BDD.cacheSize, 0)
  }

  deinit {
    for p in [variables, lows, highs, uniqueValues, andValues, orValues, notKeys, notValues, iteKeys2, iteValues] {
      p.deallocate()
    }
    for p in [uniqueKeys, andKeys, orKeys, iteKeys] { p.deallocate() }
  }

  private func growNodes() {
    let capacity = nodeCapacity * 2
    for storage in [\BDD.variables, \BDD.lows, \BDD.highs]
      as [ReferenceWritableKeyPath<BDD, UnsafeMutablePointer<Int32>>]
    {
      let old = self[keyPath: storage]
      let new = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
      new.moveInitialize(from: old, count: nodesUsed)
      old.deallocate()
      self[keyPath: storage] = new
    }
    nodeCapacity = capacity
  }

  private func growUnique() {
    let capacity = uniqueCapacity * 2
    let bits = uniqueBits + 1
    let keys = BDD.filled(capacity, UInt64(0))
    let values = BDD.filled(capacity, Int32(0))
    let mask = capacity - 1
    for i in 0..<uniqueCapacity where uniqueKeys[i] != 0 {
      var j = BDD.slot(uniqueKeys[i], bits: bits)
      while keys[j] != 0 { j = (j + 1) & mask }
      keys[j] = uniqueKeys[i]
      values[j] = uniqueValues[i]
    }
    uniqueKeys.deallocate()
    uniqueValues.deallocate()
    uniqueKeys = keys
    uniqueValues = values
    uniqueCapacity = capacity
    uniqueBits = bits
  }

  /// Number of nodes allocated (a memory figure for the benchmark).
  public var nodeCount: Int { nodesUsed }

  /// The variable a node tests (``variableCount`` for terminals).
  @inline(__always) public func variable(of node: Node) -> Int { Int(variables[Int(node)]) }
  /// The child for the variable being 0.
  @inline(__always) public func low(_ node: Node) -> Node { lows[Int(node)] }
  /// The child for the variable being 1.
  @inline(__always) public func high(_ node: Node) -> Node { highs[Int(node)] }

  /// The node testing `v` with the given children (reduced: equal children collapse).
  public func make(_ v: Int, low: Node, high: Node) -> Node {
    if low == high { return low }
    let key = UInt64(v) << 54 | UInt64(UInt32(low)) << 27 | UInt64(UInt32(high))
    let mask = uniqueCapacity - 1
    var j = BDD.slot(key, bits: uniqueBits)
    while uniqueKeys[j] != 0 {
      if uniqueKeys[j] == key { return uniqueValues[j] }
      j = (j + 1) & mask
    }
    if nodesUsed == nodeCapacity { growNodes() }
    let id = Int32(nodesUsed)
    variables[nodesUsed] = Int32(v)
    lows[nodesUsed] = low
    highs[nodesUsed] = high
    nodesUsed += 1
    uniqueKeys[j] = key
    uniqueValues[j] = id
    uniqueCount += 1
    if uniqueCount * 2 > uniqueCapacity { growUnique() }
    return id
  }

  /// The set where variable `v` is 1 (or 0 when `positive` is false).
  public func literal(_ v: Int, _ positive: Bool = true) -> Node {
    positive ? make(v, low: BDD.falseNode, high: BDD.trueNode) : make(v, low: BDD.trueNode, high: BDD.falseNode)
  }

  /// Complement.
  public func not(_ a: Node) -> Node {
    if a == BDD.falseNode { return BDD.trueNode }
    if a == BDD.trueNode { return BDD.falseNode }
    let j = BDD.slot(UInt64(UInt32(a)), bits: BDD.cacheBits)
    if notKeys[j] == a { return notValues[j] }
    let r = make(variable(of: a), low: not(low(a)), high: not(high(a)))
    notKeys[j] = a
    notValues[j] = r
    return r
  }

  /// Intersection.
  public func and(_ a: Node, _ b: Node) -> Node {
    if a == BDD.falseNode || b == BDD.falseNode { return BDD.falseNode }
    if a == BDD.trueNode { return b }
    if b == BDD.trueNode || a == b { return a }
    let (x, y) = a < b ? (a, b) : (b, a)
    let key = UInt64(UInt32(x)) << 32 | UInt64(UInt32(y))
    let j = BDD.slot(key, bits: BDD.cacheBits)
    if andKeys[j] == key { return andValues[j] }
    let vx = variable(of: x)
    let vy = variable(of: y)
    let v = min(vx, vy)
    let r = make(
      v, low: and(vx == v ? low(x) : x, vy == v ? low(y) : y), high: and(vx == v ? high(x) : x, vy == v ? high(y) : y))
    andKeys[j] = key
    andValues[j] = r
    return r
  }

  /// Union.
  public func or(_ a: Node, _ b: Node) -> Node {
    if a == BDD.trueNode || b == BDD.trueNode { return BDD.trueNode }
    if a == BDD.falseNode { return b }
    if b == BDD.falseNode || a == b { return a }
    let (x, y) = a < b ? (a, b) : (b, a)
    let key = UInt64(UInt32(x)) << 32 | UInt64(UInt32(y))
    let j = BDD.slot(key, bits: BDD.cacheBits)
    if orKeys[j] == key { return orValues[j] }
    let vx = variable(of: x)
    let vy = variable(of: y)
    let v = min(vx, vy)
    let r = make(
      v, low: or(vx == v ? low(x) : x, vy == v ? low(y) : y), high: or(vx == v ? high(x) : x, vy == v ? high(y) : y))
    orKeys[j] = key
    orValues[j] = r
    return r
  }

  /// If-then-else: `(f ∧ g) ∨ (¬f ∧ h)`. Where `f` is empty the result *is* `h` (shared, not copied), so folding a
  /// small rule into a large policy costs the size of the rule, not of the policy.
  public func ite(_ f: Node, _ g: Node, _ h: Node) -> Node {
    if f == BDD.trueNode { return g }
    if f == BDD.falseNode { return h }
    if g == h { return g }
    if g == BDD.trueNode && h == BDD.falseNode { return f }
    if g == BDD.trueNode { return or(f, h) }
    if h == BDD.falseNode { return and(f, g) }
    let key = UInt64(UInt32(f)) << 32 | UInt64(UInt32(g))
    let j = BDD.slot(key ^ (UInt64(UInt32(h)) &* 0xD6E8_FEB8_6659_FD93), bits: BDD.cacheBits)
    if iteKeys[j] == key && iteKeys2[j] == h { return iteValues[j] }
    let vf = variable(of: f)
    let vg = variable(of: g)
    let vh = variable(of: h)
    let v = min(vf, vg, vh)
    let r = make(
      v,
      low: ite(vf == v ? low(f) : f, vg == v ? low(g) : g, vh == v ? low(h) : h),
      high: ite(vf == v ? high(f) : f, vg == v ? high(g) : g, vh == v ? high(h) : h))
    iteKeys[j] = key
    iteKeys2[j] = h
    iteValues[j] = r
    return r
  }

  /// Difference `a \ b`.
  public func diff(_ a: Node, _ b: Node) -> Node { and(a, not(b)) }

  /// Whether `a ⊆ b`.
  public func isSubset(_ a: Node, of b: Node) -> Bool { diff(a, b) == BDD.falseNode }

  /// Existential quantification of every variable outside `keep`: the projection of the set onto those bits.
  public func project(_ f: Node, keep: Range<Int>) -> Node { project(f, keep: [keep]) }

  /// Projection onto several blocks of variables.
  public func project(_ f: Node, keep: [Range<Int>]) -> Node {
    let last = keep.map(\.upperBound).max() ?? 0
    var memo: [Int32: Int32] = [:]
    func go(_ n: Node) -> Node {
      if n <= BDD.trueNode { return n }
      if let hit = memo[n] { return hit }
      let v = variable(of: n)
      let r: Node
      if v >= last {
        r = BDD.trueNode  // a non-empty node below every kept block: some assignment exists
      } else if keep.contains(where: { $0.contains(v) }) {
        r = make(v, low: go(low(n)), high: go(high(n)))
      } else {
        r = or(go(low(n)), go(high(n)))
      }
      memo[n] = r
      return r
    }
    return go(f)
  }

  /// Existential quantification of the variables in `drop` (keeps all others).
  public func exists(_ f: Node, drop: Range<Int>) -> Node {
    var memo: [Int32: Int32] = [:]
    func go(_ n: Node) -> Node {
      if n <= BDD.trueNode { return n }
      if variable(of: n) >= drop.upperBound { return n }
      if let hit = memo[n] { return hit }
      let v = variable(of: n)
      let r = drop.contains(v) ? or(go(low(n)), go(high(n))) : make(v, low: go(low(n)), high: go(high(n)))
      memo[n] = r
      return r
    }
    return go(f)
  }

  /// The cofactor of `f` with the variables of `block` fixed to the bits of `value` (most significant first): the
  /// set of the other fields' values for packets whose field equals `value`. The block's variables disappear.
  public func cofactor(_ f: Node, block: Range<Int>, value: UInt64) -> Node {
    var memo: [Int32: Int32] = [:]
    let width = block.count
    func go(_ n: Node) -> Node {
      if n <= BDD.trueNode { return n }
      let v = variable(of: n)
      if v >= block.upperBound { return n }
      if let hit = memo[n] { return hit }
      let r: Node
      if v >= block.lowerBound {
        let bit = (value >> UInt64(width - 1 - (v - block.lowerBound))) & 1 == 1
        r = go(bit ? high(n) : low(n))
      } else {
        r = make(v, low: go(low(n)), high: go(high(n)))
      }
      memo[n] = r
      return r
    }
    return go(f)
  }

  /// One member of a non-empty set, as the variables set to 1 (unmentioned variables are 0); `nil` for the empty set.
  public func anyMember(_ f: Node, preferOne: Set<Int> = []) -> Set<Int>? {
    if f == BDD.falseNode { return nil }
    var ones: Set<Int> = []
    var n = f
    // Variables skipped by the path are free: set the preferred ones.
    var lastVariable = -1
    func skipTo(_ v: Int) {
      for p in preferOne where p > lastVariable && p < v { ones.insert(p) }
    }
    while n > BDD.trueNode {
      let v = variable(of: n)
      skipTo(v)
      lastVariable = v
      let wantOne = preferOne.contains(v)
      let preferred = wantOne ? high(n) : low(n)
      if preferred != BDD.falseNode {
        if wantOne { ones.insert(v) }
        n = preferred
      } else {
        if !wantOne { ones.insert(v) }
        n = wantOne ? low(n) : high(n)
      }
    }
    skipTo(variableCount)
    return ones
  }

  /// The set `lower ≤ x ≤ upper` for the unsigned number `x` held in `width` variables from `start` (most
  /// significant first); `bit(value, i)` reads bit `i` counted from the most significant.
  public func range(
    start: Int, width: Int, lower: (Int) -> Bool, upper: (Int) -> Bool
  ) -> Node {
    // Build `x ≥ lower` and `x ≤ upper` from the least significant bit up: O(width) nodes each.
    var geq = BDD.trueNode
    var leq = BDD.trueNode
    for i in stride(from: width - 1, through: 0, by: -1) {
      let v = start + i
      geq = lower(i) ? make(v, low: BDD.falseNode, high: geq) : make(v, low: geq, high: BDD.trueNode)
      leq = upper(i) ? make(v, low: BDD.trueNode, high: leq) : make(v, low: leq, high: BDD.falseNode)
    }
    return and(geq, leq)
  }

  /// The value intervals of a set over a block of at most 64 variables, sorted and merged; the set must mention
  /// only those variables (project first).
  public func intervals(_ f: Node, start: Int, width: Int) -> [ClosedRange<UInt64>] {
    var out: [ClosedRange<UInt64>] = []
    func emit(_ lo: UInt64, _ hi: UInt64) {
      if let last = out.last, last.upperBound &+ 1 == lo, last.upperBound != .max {
        out[out.count - 1] = last.lowerBound...hi
      } else {
        out.append(lo...hi)
      }
    }
    func go(_ n: Node, depth: Int, prefix: UInt64) {
      if n == BDD.falseNode { return }
      let remaining = width - depth
      if n == BDD.trueNode {
        let lo = remaining >= 64 ? 0 : prefix << UInt64(remaining)
        let span: UInt64 = remaining >= 64 ? .max : (UInt64(1) << UInt64(remaining)) - 1
        emit(lo, lo | span)
        return
      }
      let v = variable(of: n) - start
      if v > depth || v < 0 {
        go(n, depth: depth + 1, prefix: prefix << 1)
        go(n, depth: depth + 1, prefix: prefix << 1 | 1)
      } else {
        go(low(n), depth: depth + 1, prefix: prefix << 1)
        go(high(n), depth: depth + 1, prefix: prefix << 1 | 1)
      }
    }
    go(f, depth: 0, prefix: 0)
    return out
  }
}
