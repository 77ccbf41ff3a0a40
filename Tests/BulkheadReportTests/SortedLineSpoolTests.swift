import Foundation
import Testing

@testable import BulkheadReport

/// The spool behind `flows --format jsonl`/`csv`: lines added from several threads in any order, buffered a
/// megabyte at a time, come back sorted by (file, packet) with each id inserted where its line asked — across
/// buffer flushes, read windows, and lines longer than a window.
@Suite struct SortedLineSpoolTests {
  struct Line: Sendable {
    var file: Int
    var packet: Int
    var text: [UInt8]
    var cut: Int
  }

  /// Lines of every length from 1 byte to 1.5 MB, positions shuffled by a fixed seed.
  static func lines(count: Int, seed: UInt64) -> [Line] {
    var random = seed
    func next() -> UInt64 {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return random >> 33
    }
    return (0..<count).map { index in
      let length = index % 997 == 0 ? 1_500_000 + Int(next() % 1000) : 1 + Int(next() % 300)
      let byte = UInt8(ascii: "a") + UInt8(index % 26)
      var text = [UInt8](repeating: byte, count: length - 1) + [0x0A]
      text[0] = UInt8(ascii: "<")
      return Line(file: Int(next() % 3), packet: index, text: text, cut: Int(next() % UInt64(length)))
    }
  }

  @Test func linesFromSeveralThreadsComeBackInFlowOrderWithTheirIDs() throws {
    let lines = Self.lines(count: 20_000, seed: 7)
    let spool = try SortedLineSpool()
    // Added from four threads in an order unrelated to the sort.
    DispatchQueue.concurrentPerform(iterations: 4) { part in
      for line in lines.reversed() where line.packet % 4 == part {
        spool.add(line.text, file: line.file, packet: line.packet, idOffset: line.cut)
      }
    }
    #expect(spool.count == lines.count)
    var copied: [UInt8] = []
    try spool.copy(header: Array("head\n".utf8), id: { Array("#\($0)#".utf8) }, to: { copied += $0 })
    var expected = Array("head\n".utf8)
    for (position, line) in lines.sorted(by: { ($0.file, $0.packet) < ($1.file, $1.packet) }).enumerated() {
      expected += line.text[..<line.cut] + Array("#\(position)#".utf8) + line.text[line.cut...]
    }
    #expect(copied.count == expected.count)
    #expect(copied == expected)
  }

  @Test func anEmptySpoolCopiesOnlyItsHeader() throws {
    let spool = try SortedLineSpool()
    var copied: [UInt8] = []
    try spool.copy(header: Array("h\n".utf8), id: { _ in [] }, to: { copied += $0 })
    #expect(copied == Array("h\n".utf8))
  }
}

/// JSON strings in flow lines are escaped per RFC 8259 §7, whatever mix of plain runs and escapes they hold.
@Suite struct JSONLineTests {
  @Test(arguments: [
    "", "plain 10.0.0.1", "quote\" back\\slash", "\n\r\t", "\u{01}\u{1f}x", "ünï 🏭 code", "\"", "a\\", "\u{7f}",
  ])
  func aStringReadsBackAsItself(text: String) throws {
    var line = JSONLine()
    line.beginObject()
    line.field("k", text)
    line.endObject()
    let object = try JSONSerialization.jsonObject(with: Data(line.bytes)) as? [String: String]
    #expect(object == ["k": text])
    // Control characters are never raw in the output.
    #expect(!line.bytes.contains { $0 < 0x20 })
  }
}
