#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A reduced ordered binary decision diagram manager: the exact set representation of the packet-space engine.
///
/// Nodes live in one flat array and are hash-consed through a unique table, so two equal sets are the same node and
/// set equality is an integer comparison (Bryant 1986, "Graph-Based Algorithms for Boolean Function Manipulation").
/// Operations are memoized in fixed-size lossy caches, which bounds their memory.
///
/// The manager has a memory budget. When a node, the unique table or the node ids would go beyond it,
/// ``isOverBudget`` becomes true for good and every later result is meaningless: whoever asks for an exact answer
/// checks it before using one (``PacketSpace/checkBudget()``).
public final class BDD {
  /// A node handle; ``BDD/falseNode`` and ``BDD/trueNode`` are the terminals.
  public typealias Node = Int32

  /// The empty set.
  public static let falseNode: Node = 0
  /// The full set.
  public static let trueNode: Node = 1
  private static let firstInner = 2

  /// Number of variables (bits); variable 0 is tested first.
  public let variableCount: Int
  /// The budget in bytes for the nodes, the unique table and the operation caches.
  public let memoryLimit: Int
  /// Whether an operation needed more than ``memoryLimit``: from then on every result is meaningless.
  public private(set) var isOverBudget = false

  private struct Record {
    var variable: Int32
    var low: Int32
    var high: Int32
  }

  /// One memoized result: `key` packs the two operands (never 0 for a real entry: one operand is an inner node),
  /// `tag` names the operation (or holds the third operand of `ite`).
  private struct CacheEntry {
    var key: UInt64
    var tag: Int32
    var value: Int32
  }

  // Storage is raw memory owned by this object: Swift arrays held in a class pay a dynamic exclusivity check on every
  // access, which dominated the run time (measured ~10× on the benchmark). The node array is one reservation of
  // address space that never moves: pages become resident as nodes are written, so growing costs no copy and no
  // transient double.
  private let records: UnsafeMutablePointer<Record>
  private let recordBytes: Int
  private let maximumNodes: Int
  private var nodesUsed: Int

  // Unique table: open addressing with linear probing over node ids (0 marks a free slot: terminals are never
  // stored); a probe compares the node's own record, so no key packing can ever alias two nodes.
  private var unique: UnsafeMutablePointer<Int32>
  private var uniqueBits: Int
  private var uniqueCount = 0
  private var uniqueGrowthAllowed = true

  // Operation caches, direct-mapped and lossy as in CUDD: a collision overwrites, which costs a recomputation, never
  // a wrong answer. They grow with the node count while the budget allows.
  private var cache: UnsafeMutablePointer<CacheEntry>
  private var iteCache: UnsafeMutablePointer<CacheEntry>
  private var cacheBits: Int
  private static let minimumCacheBits = 16
  private static let maximumCacheBits = 23
  private var generation: Int32 = BDD.firstGenerationTag

  private static let andTag: Int32 = 1
  private static let orTag: Int32 = 2
  private static let notTag: Int32 = 3
  private static let subsetTag: Int32 = 4
  private static let firstGenerationTag: Int32 = 64

  /// The default budget when none is given (see ``PacketSpace/defaultMemoryLimit``).
  public static let unlimited = Int.max

  /// Creates a manager for `variableCount` variables (at most 1023) within `memoryLimit` bytes.
  public convenience init(variableCount: Int, memoryLimit: Int = BDD.unlimited) {
    self.init(variableCount: variableCount, memoryLimit: memoryLimit, firstNode: BDD.firstInner)
  }

  /// `firstNode` leaves the ids below it unused (tests reach large node ids without building that many nodes).
  init(variableCount: Int, memoryLimit: Int, firstNode: Int) {
    self.variableCount = min(variableCount, 1023)
    self.memoryLimit = max(memoryLimit, 8 << 20)
    // Node ids are Int32; the reservation is never more than the budget could fill.
    let stride = MemoryLayout<Record>.stride
    var reserve = min(Int(Int32.max), self.memoryLimit / stride)
    var reserved: UnsafeMutableRawPointer? = nil
    while reserved == nil && reserve >= 1 << 16 {
      reserved = BDD.reserve(bytes: reserve * stride)
      if reserved == nil { reserve /= 2 }
    }
    // Without any reservation (an address space smaller than 64k nodes), allocate what the runtime gives.
    let base = reserved ?? UnsafeMutableRawPointer.allocate(byteCount: (1 << 16) * stride, alignment: 16)
    if reserved == nil { reserve = 1 << 16 }
    records = base.bindMemory(to: Record.self, capacity: reserve)
    recordBytes = reserved == nil ? 0 : reserve * stride
    maximumNodes = reserve
    let terminal = Int32(self.variableCount)
    for id in 0..<BDD.firstInner {
      records[id] = Record(variable: terminal, low: Int32(id), high: Int32(id))
    }
    nodesUsed = reserved == nil ? BDD.firstInner : max(BDD.firstInner, min(firstNode, reserve))
    uniqueBits = 12
    unique = BDD.zeroed(1 << uniqueBits)
    cacheBits = BDD.minimumCacheBits
    cache = BDD.zeroed(1 << cacheBits)
    iteCache = BDD.zeroed(1 << cacheBits)
  }

  deinit {
    if recordBytes > 0 {
      munmap(UnsafeMutableRawPointer(records), recordBytes)
    } else {
      UnsafeMutableRawPointer(records).deallocate()
    }
    unique.deallocate()
    cache.deallocate()
    iteCache.deallocate()
  }

  /// Address space for `bytes`, resident only where written; nil when the system refuses.
  private static func reserve(bytes: Int) -> UnsafeMutableRawPointer? {
    #if canImport(Glibc)
      let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
    #else
      let flags = MAP_PRIVATE | MAP_ANON
    #endif
    let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, flags, -1, 0)
    if p == MAP_FAILED { return nil }
    return p
  }

  private static func zeroed<T>(_ count: Int) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: count)
    UnsafeMutableRawPointer(p).initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<T>.stride)
    return p
  }

  /// Bytes the manager holds now (nodes written, unique table, caches).
  public var memoryInUse: Int {
    nodesUsed * MemoryLayout<Record>.stride + (1 << uniqueBits) * 4
      + 2 * (1 << cacheBits) * MemoryLayout<CacheEntry>.stride
  }

  private func exceedBudget() -> Node {
    isOverBudget = true
    return BDD.falseNode
  }

  @inline(__always) private static func hash(_ v: Int32, _ low: Node, _ high: Node, bits: Int) -> Int {
    let key = (UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))) ^ UInt64(UInt32(v)) << 53
    return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
  }

  /// Rebuilds the unique table at twice the size from the node records (the old table is freed first, so growing
  /// never holds both), and lets the caches follow the node count.
  private func growUnique() -> Bool {
    let bits = uniqueBits + 1
    let others = memoryInUse - (1 << uniqueBits) * 4
    if others + (1 << bits) * 4 > memoryLimit { return false }
    unique.deallocate()
    uniqueBits = bits
    unique = BDD.zeroed(1 << bits)
    let mask = (1 << bits) - 1
    for id in BDD.firstInner..<nodesUsed {
      let r = records[id]
      if r.low == r.high { continue }  // an id left unused (see init(firstNode:))
      var j = BDD.hash(r.variable, r.low, r.high, bits: bits)
      while unique[j] != 0 { j = (j + 1) & mask }
      unique[j] = Int32(id)
    }
    // About one cache entry for every four to eight nodes (16 bytes each): measured on the 100k-rule case, more
    // entries bought little time for their memory.
    let wanted = min(BDD.maximumCacheBits, bits - 3)
    if wanted > cacheBits
      && memoryInUse + 2 * ((1 << wanted) - (1 << cacheBits)) * MemoryLayout<CacheEntry>.stride <= memoryLimit
    {
      cache.deallocate()
      iteCache.deallocate()
      cacheBits = wanted
      cache = BDD.zeroed(1 << wanted)
      iteCache = BDD.zeroed(1 << wanted)
    }
    return true
  }

  /// Number of node ids handed out (a memory figure for the benchmark).
  public var nodeCount: Int { nodesUsed }

  /// The variable a node tests (``variableCount`` for terminals).
  @inline(__always) public func variable(of node: Node) -> Int { Int(records[Int(node)].variable) }
  /// The child for the variable being 0.
  @inline(__always) public func low(_ node: Node) -> Node { records[Int(node)].low }
  /// The child for the variable being 1.
  @inline(__always) public func high(_ node: Node) -> Node { records[Int(node)].high }

  /// The node testing `v` with the given children (reduced: equal children collapse).
  public func make(_ v: Int, low: Node, high: Node) -> Node {
    if low == high { return low }
    if isOverBudget { return BDD.falseNode }
    let variable = Int32(v)
    let mask = (1 << uniqueBits) - 1
    var j = BDD.hash(variable, low, high, bits: uniqueBits)
    while true {
      let id = unique[j]
      if id == 0 { break }
      let r = records[Int(id)]
      if r.low == low && r.high == high && r.variable == variable { return id }
      j = (j + 1) & mask
    }
    if nodesUsed >= maximumNodes || memoryInUse + MemoryLayout<Record>.stride > memoryLimit {
      return exceedBudget()
    }
    let id = Int32(nodesUsed)
    records[nodesUsed] = Record(variable: variable, low: low, high: high)
    nodesUsed += 1
    unique[j] = id
    uniqueCount += 1
    // Load at most 1/2 while the budget allows a larger table, then up to 7/8 (longer probes, same answers).
    if uniqueCount * 2 > (1 << uniqueBits) && uniqueGrowthAllowed {
      if !growUnique() { uniqueGrowthAllowed = false }
    }
    if uniqueCount * 8 > (1 << uniqueBits) * 7 { _ = exceedBudget() }
    return id
  }

  @inline(__always) private func cached(_ key: UInt64, _ tag: Int32) -> Node? {
    let e = cache[BDD.slot(key, tag, bits: cacheBits)]
    return e.key == key && e.tag == tag ? e.value : nil
  }

  @inline(__always) private func store(_ key: UInt64, _ tag: Int32, _ value: Node) {
    cache[BDD.slot(key, tag, bits: cacheBits)] = CacheEntry(key: key, tag: tag, value: value)
  }

  @inline(__always) private static func slot(_ key: UInt64, _ tag: Int32, bits: Int) -> Int {
    Int(
      truncatingIfNeeded: ((key ^ UInt64(UInt32(bitPattern: tag)) &* 0xD6E8_FEB8_6659_FD93) &* 0x9E37_79B9_7F4A_7C15)
        >> UInt64(64 - bits))
  }

  @inline(__always) private static func pair(_ a: Node, _ b: Node) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
  }

  /// A fresh tag for one call of a traversal memoized in the shared cache (projection, quantification, cofactor).
  private func freshGeneration() -> Int32 {
    if generation == Int32.max {
      cache.update(repeating: CacheEntry(key: 0, tag: 0, value: 0), count: 1 << cacheBits)
      generation = BDD.firstGenerationTag
    }
    generation += 1
    return generation
  }

  /// The set where variable `v` is 1 (or 0 when `positive` is false).
  public func literal(_ v: Int, _ positive: Bool = true) -> Node {
    positive ? make(v, low: BDD.falseNode, high: BDD.trueNode) : make(v, low: BDD.trueNode, high: BDD.falseNode)
  }

  /// Complement.
  public func not(_ a: Node) -> Node {
    if a == BDD.falseNode { return BDD.trueNode }
    if a == BDD.trueNode { return BDD.falseNode }
    if isOverBudget { return BDD.falseNode }
    let key = UInt64(UInt32(bitPattern: a))
    if let hit = cached(key, BDD.notTag) { return hit }
    let r = make(variable(of: a), low: not(low(a)), high: not(high(a)))
    store(key, BDD.notTag, r)
    return r
  }

  /// Intersection.
  public func and(_ a: Node, _ b: Node) -> Node {
    if a == BDD.falseNode || b == BDD.falseNode { return BDD.falseNode }
    if a == BDD.trueNode { return b }
    if b == BDD.trueNode || a == b { return a }
    if isOverBudget { return BDD.falseNode }
    let (x, y) = a < b ? (a, b) : (b, a)
    let key = BDD.pair(x, y)
    if let hit = cached(key, BDD.andTag) { return hit }
    let vx = variable(of: x)
    let vy = variable(of: y)
    let v = min(vx, vy)
    let r = make(
      v, low: and(vx == v ? low(x) : x, vy == v ? low(y) : y), high: and(vx == v ? high(x) : x, vy == v ? high(y) : y))
    store(key, BDD.andTag, r)
    return r
  }

  /// Union.
  public func or(_ a: Node, _ b: Node) -> Node {
    if a == BDD.trueNode || b == BDD.trueNode { return BDD.trueNode }
    if a == BDD.falseNode { return b }
    if b == BDD.falseNode || a == b { return a }
    if isOverBudget { return BDD.falseNode }
    let (x, y) = a < b ? (a, b) : (b, a)
    let key = BDD.pair(x, y)
    if let hit = cached(key, BDD.orTag) { return hit }
    let vx = variable(of: x)
    let vy = variable(of: y)
    let v = min(vx, vy)
    let r = make(
      v, low: or(vx == v ? low(x) : x, vy == v ? low(y) : y), high: or(vx == v ? high(x) : x, vy == v ? high(y) : y))
    store(key, BDD.orTag, r)
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
    if isOverBudget { return BDD.falseNode }
    let key = BDD.pair(f, g)
    let j = BDD.slot(key, h, bits: cacheBits)
    let e = iteCache[j]
    if e.key == key && e.tag == h { return e.value }
    let vf = variable(of: f)
    let vg = variable(of: g)
    let vh = variable(of: h)
    let v = min(vf, vg, vh)
    let r = make(
      v,
      low: ite(vf == v ? low(f) : f, vg == v ? low(g) : g, vh == v ? low(h) : h),
      high: ite(vf == v ? high(f) : f, vg == v ? high(g) : g, vh == v ? high(h) : h))
    iteCache[j] = CacheEntry(key: key, tag: h, value: r)
    return r
  }

  /// Difference `a \ b`.
  public func diff(_ a: Node, _ b: Node) -> Node { and(a, not(b)) }

  /// Whether `a ⊆ b`, without building the complement of `b`: the walk stops at the first packet of `a` outside
  /// `b`.
  public func isSubset(_ a: Node, of b: Node) -> Bool {
    if a == BDD.falseNode || b == BDD.trueNode || a == b { return true }
    if a == BDD.trueNode || b == BDD.falseNode || isOverBudget { return false }
    let key = BDD.pair(a, b)
    if let hit = cached(key, BDD.subsetTag) { return hit == BDD.trueNode }
    let va = variable(of: a)
    let vb = variable(of: b)
    let v = min(va, vb)
    let r =
      isSubset(va == v ? low(a) : a, of: vb == v ? low(b) : b)
      && isSubset(va == v ? high(a) : a, of: vb == v ? high(b) : b)
    store(key, BDD.subsetTag, r ? BDD.trueNode : BDD.falseNode)
    return r
  }

  // MARK: Quantification and cofactors

  /// Existential quantification of every variable outside `keep`: the projection of the set onto those bits.
  public func project(_ f: Node, keep: Range<Int>) -> Node { project(f, keep: [keep]) }

  /// Projection onto several blocks of variables.
  public func project(_ f: Node, keep: [Range<Int>]) -> Node {
    let last = keep.map(\.upperBound).max() ?? 0
    var kept = [Bool](repeating: false, count: variableCount)
    for block in keep { for v in block where v < variableCount { kept[v] = true } }
    let tag = freshGeneration()
    func go(_ n: Node) -> Node {
      if n <= BDD.trueNode || isOverBudget { return n }
      let key = UInt64(UInt32(bitPattern: n))
      if let hit = cached(key, tag) { return hit }
      let v = variable(of: n)
      let r: Node
      if v >= last {
        r = BDD.trueNode  // a non-empty node below every kept block: some assignment exists
      } else if kept[v] {
        r = make(v, low: go(low(n)), high: go(high(n)))
      } else {
        r = or(go(low(n)), go(high(n)))
      }
      store(key, tag, r)
      return r
    }
    return go(f)
  }

  /// Existential quantification of the variables in `drop` (keeps all others).
  public func exists(_ f: Node, drop: Range<Int>) -> Node {
    let tag = freshGeneration()
    func go(_ n: Node) -> Node {
      if n <= BDD.trueNode || isOverBudget { return n }
      if variable(of: n) >= drop.upperBound { return n }
      let key = UInt64(UInt32(bitPattern: n))
      if let hit = cached(key, tag) { return hit }
      let v = variable(of: n)
      let r = drop.contains(v) ? or(go(low(n)), go(high(n))) : make(v, low: go(low(n)), high: go(high(n)))
      store(key, tag, r)
      return r
    }
    return go(f)
  }

  /// The cofactor of `f` with the variables of `block` fixed to the bits of `value` (most significant first): the
  /// set of the other fields' values for packets whose field equals `value`. The block's variables disappear.
  public func cofactor(_ f: Node, block: Range<Int>, value: UInt64) -> Node {
    let width = block.count
    let tag = freshGeneration()
    func go(_ n: Node) -> Node {
      if n <= BDD.trueNode || isOverBudget { return n }
      let v = variable(of: n)
      if v >= block.upperBound { return n }
      let key = UInt64(UInt32(bitPattern: n))
      if let hit = cached(key, tag) { return hit }
      let r: Node
      if v >= block.lowerBound {
        let bit = (value >> UInt64(width - 1 - (v - block.lowerBound))) & 1 == 1
        r = go(bit ? high(n) : low(n))
      } else {
        r = make(v, low: go(low(n)), high: go(high(n)))
      }
      store(key, tag, r)
      return r
    }
    return go(f)
  }

  // MARK: Members and ranges

  /// One member of a non-empty set, as the variables set to 1 (unmentioned variables are 0); `nil` for the empty set.
  public func anyMember(_ f: Node, preferOne: Set<Int> = []) -> Set<Int>? {
    if f == BDD.falseNode || isOverBudget { return nil }
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
    if isOverBudget { return out }
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
