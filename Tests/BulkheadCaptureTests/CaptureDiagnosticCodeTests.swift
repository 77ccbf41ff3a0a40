import Foundation
import Testing

@testable import BulkheadCapture

/// The capture stage's diagnostic codes and docs/capture.md's table agree: same codes, same summaries, in order.
@Suite struct CaptureDiagnosticCodeTests {
  @Test func docsTableListsEveryCode() throws {
    let docs = Corpus.packageRoot.appendingPathComponent("docs/capture.md")
    let text = try String(contentsOf: docs, encoding: .utf8)
    let rows: [(String, String)] = text.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 2, cells[0].hasPrefix("BH5") else { return nil }
      return (cells[0], cells[1])
    }
    #expect(rows.map(\.0) == CaptureDiagnosticCode.allCases.map(\.code))
    for (code, summary) in rows {
      #expect(CaptureDiagnosticCode(rawValue: code)?.summary == summary, "\(code)")
    }
  }

  /// One counter per reason: adding a ``NotDecodedReason`` without a counter fails here, not in a capture.
  @Test func hotCountersHoldEveryNotDecodedReason() {
    #expect(HotCounters.reasonCapacity == NotDecodedReason.allCases.count)
    #expect(NotDecodedReason.allCases.map(\.counterIndex) == Array(0..<NotDecodedReason.allCases.count))
    var counters = HotCounters()
    for (n, reason) in NotDecodedReason.allCases.enumerated() {
      for _ in 0...n { counters.count(reason) }
    }
    #expect(NotDecodedReason.allCases.map { counters[$0] } == (1...NotDecodedReason.allCases.count).map(UInt64.init))
  }

  @Test func codesAreTheCaptureStagesRange() {
    for code in CaptureDiagnosticCode.allCases {
      let number = Int(code.code.dropFirst(2)) ?? 0
      #expect((500...599).contains(number), "\(code.code)")
    }
  }
}
