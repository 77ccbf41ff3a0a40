import BulkheadModel
import Foundation
import Testing

@testable import BulkheadCapture

/// The readers' inline path for the common record (`next()`) must yield exactly what their careful path
/// (`nextCarefully()`) yields alone: the same packets, diagnostics and truncation, on every corpus file and on
/// damaged copies of a few.
@Suite struct ReaderFastPathTests {
  /// Everything a reader reports, as text: each packet's metadata and bytes' place, then the reader's verdicts.
  static func transcript(_ bytes: UnsafeRawBufferPointer, _ name: String, careful: Bool) -> [String] {
    var lines: [String] = []
    let start = bytes.baseAddress.map { Int(bitPattern: $0) } ?? 0
    func packet(_ p: RawPacket) -> String {
      let at = p.bytes.baseAddress.map { Int(bitPattern: $0) - start } ?? -1
      return "\(p.number) @\(p.fileOffset) \(at)+\(p.bytes.count) wire \(p.wireLength) t \(p.timestamp) "
        + "link \(p.linkType) if \(p.interfaceID)"
    }
    switch CaptureFormat.detect(bytes) {
    case .pcap(let swapped, let nanosecond):
      var problem: Diagnostic?
      guard
        var reader = PcapReader(data: bytes, name: name, swapped: swapped, nanosecond: nanosecond, problem: &problem)
      else { return ["unreadable"] }
      while let p = careful ? reader.nextCarefully() : reader.next() { lines.append(packet(p)) }
      lines.append("number \(reader.number) truncated \(reader.truncated) skipped \(reader.skippedBytes)")
      lines += reader.diagnostics.map(\.message)
    case .pcapng:
      var reader = PcapngReader(data: bytes, name: name)
      while let p = careful ? reader.nextCarefully() : reader.next() { lines.append(packet(p)) }
      lines.append("number \(reader.number) truncated \(reader.truncated) skipped \(reader.skippedBytes)")
      lines += reader.diagnostics.map(\.message)
    case .unknown:
      return ["unknown"]
    }
    return lines
  }

  static func check(_ data: [UInt8], _ name: String) {
    data.withUnsafeBytes { bytes in
      let inline = transcript(bytes, name, careful: false)
      let careful = transcript(bytes, name, careful: true)
      #expect(inline == careful, "\(name): inline and careful reads differ")
    }
  }

  @Test func agreeOnEveryCorpusCapture() throws {
    let root = try Corpus.requireRoot()
    for capture in Corpus.captures {
      let path = root.appendingPathComponent("pcaps/" + capture).path
      let data = try #require(FileManager.default.contents(atPath: path), "\(capture) listed but not readable")
      Self.check([UInt8](data), capture)
    }
  }

  @Test func agreeOnDamagedCaptures() throws {
    var rng = MutationFuzzTests.SplitMix(state: 0x5eed)
    for seed in MutationFuzzTests.seeds {
      let path = try #require(Corpus.path(named: seed))
      let data = try #require(FileManager.default.contents(atPath: path))
      for round in 0..<40 {
        Self.check(MutationFuzzTests.mutate([UInt8](data), &rng), "\(seed) mutation \(round)")
      }
    }
  }
}
