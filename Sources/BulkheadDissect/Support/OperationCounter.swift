/// Counts PDUs per operation code without allocating per PDU; names and classes are attached only when reporting.
///
/// A flow uses a handful of operation codes, so the counts live in a small array kept sorted by code: a linear scan
/// over a few entries is cheaper than hashing every PDU, and the tallies come out already in report order.
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

  private(set) var counts: [Counts] = []
  private(set) var total = 0
  /// Index of the code counted last: consecutive PDUs usually repeat an operation (a poll and its response).
  private var last = 0

  @inline(__always)
  mutating func count(_ code: UInt32, _ kind: Kind) {
    total += 1
    let index = last < counts.count && counts[last].code == code ? last : slot(for: code)
    last = index
    switch kind {
    case .request: counts[index].requests += 1
    case .response: counts[index].responses += 1
    case .exception: counts[index].exceptions += 1
    }
  }

  /// The index of `code`'s counts, inserted in code order when new.
  private mutating func slot(for code: UInt32) -> Int {
    var index = 0
    while index < counts.count && counts[index].code < code { index += 1 }
    if index == counts.count || counts[index].code != code {
      // Room for a request, its response and an exception or two in one allocation.
      if counts.isEmpty { counts.reserveCapacity(4) }
      counts.insert(Counts(code: code), at: index)
    }
    return index
  }

  /// The tallies in code order, named and classified by `describe`.
  func tallies(_ describe: (UInt32) -> (name: String, operationClass: OperationClass)) -> [OperationTally] {
    counts.map { counts in
      let (name, operationClass) = describe(counts.code)
      return OperationTally(
        code: counts.code, name: name, operationClass: operationClass, requests: counts.requests,
        responses: counts.responses, exceptions: counts.exceptions)
    }
  }
}
