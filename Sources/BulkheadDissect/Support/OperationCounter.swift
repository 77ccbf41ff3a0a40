/// Counts PDUs per operation code without allocating per PDU; names and classes are attached only when reporting.
struct OperationCounter {
  struct Counts {
    var requests = 0
    var responses = 0
    var exceptions = 0
  }

  enum Kind {
    case request
    case response
    case exception
  }

  private(set) var counts: [UInt32: Counts] = [:]
  private(set) var total = 0

  @inline(__always)
  mutating func count(_ code: UInt32, _ kind: Kind) {
    total += 1
    switch kind {
    case .request: counts[code, default: Counts()].requests += 1
    case .response: counts[code, default: Counts()].responses += 1
    case .exception: counts[code, default: Counts()].exceptions += 1
    }
  }

  /// The tallies, named and classified by `describe`.
  func tallies(_ describe: (UInt32) -> (name: String, operationClass: OperationClass)) -> [OperationTally] {
    counts.map { code, counts in
      let (name, operationClass) = describe(code)
      return OperationTally(
        code: code, name: name, operationClass: operationClass, requests: counts.requests,
        responses: counts.responses, exceptions: counts.exceptions)
    }.sorted()
  }
}
