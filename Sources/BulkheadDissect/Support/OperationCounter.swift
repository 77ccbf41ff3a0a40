import BulkheadModel

/// Counts PDUs per operation code without allocating per PDU; names and classes are attached only when reporting.
///
/// A flow uses a handful of operation codes, so the counts are a short list kept sorted by code: a linear scan over
/// a few entries is cheaper than hashing every PDU, and the tallies come out already in report order. The first
/// few entries live inline, inside the flow's handler, which the PDU's bytes have just been handed to: a separate
/// array would be one more cache miss (and a uniqueness check) per PDU. A flow using more codes moves its list to
/// an array.
struct OperationCounter {
  struct Counts {
    var code: UInt32
    var requests = 0
    var responses = 0
    var exceptions = 0
  }

  enum Kind {
    case request
    case response
    case exception
  }

  /// How many codes fit inline.
  static let inlineCapacity = 6

  /// The list while it fits inline (entries `0..<inlineCount`).
  private var inline = InlineArray<6, Counts>(repeating: Counts(code: 0))
  private var inlineCount = 0
  /// The whole list once it outgrew `inline` (which is then unused).
  private var spilled: [Counts] = []
  private var isSpilled = false
  private(set) var total = 0
  /// Index of the code counted last: consecutive PDUs usually repeat an operation (a poll and its response).
  private var last = 0

  /// The counts in code order.
  var counts: [Counts] { isSpilled ? spilled : (0..<inlineCount).map { inline[$0] } }

  /// Counts one PDU. Inlined into the parsers: the common case (the same code as the PDU before, kept inline) is a
  /// compare and an increment; anything else goes to ``countElsewhere(_:_:)``.
  @inline(__always)
  mutating func count(_ code: UInt32, _ kind: Kind) {
    total &+= 1
    let index = last
    if !isSpilled && index < inlineCount && inline[index].code == code {
      Self.add(kind, to: &inline[index])
    } else {
      countElsewhere(code, kind)
    }
  }

  /// ``count(_:_:)`` for a code other than the last one, or once the list has spilled.
  @inline(never)
  private mutating func countElsewhere(_ code: UInt32, _ kind: Kind) {
    if !isSpilled {
      let index = inlineSlot(for: code)
      if index >= 0 {
        last = index
        Self.add(kind, to: &inline[index])
        return
      }
      spill()
    }
    let index = last < spilled.count && spilled[last].code == code ? last : spilledSlot(for: code)
    last = index
    Self.add(kind, to: &spilled[index])
  }

  @inline(__always) private static func add(_ kind: Kind, to counts: inout Counts) {
    switch kind {
    case .request: counts.requests &+= 1
    case .response: counts.responses &+= 1
    case .exception: counts.exceptions &+= 1
    }
  }

  /// The inline index of `code`'s counts, inserted in code order when new; -1 when the list is full.
  private mutating func inlineSlot(for code: UInt32) -> Int {
    var index = 0
    while index < inlineCount && inline[index].code < code { index += 1 }
    if index < inlineCount && inline[index].code == code { return index }
    guard inlineCount < Self.inlineCapacity else { return -1 }
    var move = inlineCount
    while move > index {
      inline[move] = inline[move - 1]
      move -= 1
    }
    inline[index] = Counts(code: code)
    inlineCount += 1
    return index
  }

  /// The index of `code`'s counts in the spilled list, inserted in code order when new.
  private mutating func spilledSlot(for code: UInt32) -> Int {
    var index = 0
    while index < spilled.count && spilled[index].code < code { index += 1 }
    if index == spilled.count || spilled[index].code != code { spilled.insert(Counts(code: code), at: index) }
    return index
  }

  /// Moves the inline list into the array.
  private mutating func spill() {
    spilled.reserveCapacity(2 * Self.inlineCapacity)
    for index in 0..<inlineCount { spilled.append(inline[index]) }
    inlineCount = 0
    isSpilled = true
    last = 0
  }

  /// The tallies in code order, named and classified by `describe`.
  func tallies(_ describe: (UInt32) -> (name: String, operationClass: OperationClass)) -> [OperationTally] {
    var result: [OperationTally] = []
    result.reserveCapacity(isSpilled ? spilled.count : inlineCount)
    func tally(_ counts: Counts) {
      let (name, operationClass) = describe(counts.code)
      result.append(
        OperationTally(
          code: counts.code, name: name, operationClass: operationClass, requests: counts.requests,
          responses: counts.responses, exceptions: counts.exceptions))
    }
    if isSpilled {
      for counts in spilled { tally(counts) }
    } else {
      for index in 0..<inlineCount { tally(inline[index]) }
    }
    return result
  }
}
