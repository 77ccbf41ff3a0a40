import Testing

@testable import BulkheadDissect

/// The counter's inline list and its spill to an array count exactly what a dictionary would, in code order.
@Suite struct OperationCounterTests {
  @Test(arguments: [1, 3, 6, 7, 12, 40]) func countsMatchADictionary(_ distinctCodes: Int) {
    var generator = MutationFuzzTests.Generator(state: 0x9e37_79b9 &+ UInt64(distinctCodes))
    var counter = OperationCounter()
    var expected: [UInt32: (Int, Int, Int)] = [:]
    for _ in 0..<5_000 {
      let code = UInt32(generator.next() % UInt64(distinctCodes)) * 7 + 3
      let kind = generator.next() % 3
      counter.count(code, kind == 0 ? .request : kind == 1 ? .response : .exception)
      var entry = expected[code, default: (0, 0, 0)]
      if kind == 0 { entry.0 += 1 } else if kind == 1 { entry.1 += 1 } else { entry.2 += 1 }
      expected[code] = entry
    }
    #expect(counter.total == 5_000)
    #expect(counter.counts.map(\.code) == expected.keys.sorted())
    for counts in counter.counts {
      let entry = expected[counts.code]
      #expect(counts.requests == entry?.0 && counts.responses == entry?.1 && counts.exceptions == entry?.2)
    }
    let tallies = counter.tallies { ("op-\($0)", .read) }
    #expect(tallies.map(\.code) == expected.keys.sorted())
    #expect(tallies.reduce(0) { $0 + $1.total } == 5_000)
  }
}
