import BulkheadModel
import Foundation
import Testing

@testable import BulkheadCapture

/// The Ethernet frames of the corpus subset and the example plant, for tests that hold two ways of reading a frame
/// against each other.
enum CorpusFrames {
  /// Every Ethernet frame of a capture file.
  static func frames(_ path: String) -> [[UInt8]] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return data.withUnsafeBytes { bytes in
      var frames: [[UInt8]] = []
      switch CaptureFormat.detect(bytes) {
      case .pcap(let swapped, let nanosecond):
        var problem: Diagnostic?
        guard
          var reader = PcapReader(
            data: bytes, name: path, swapped: swapped, nanosecond: nanosecond, problem: &problem)
        else { return [] }
        while let packet = reader.next() {
          if packet.linkType == 1 { frames.append(Array(packet.bytes)) }
        }
      case .pcapng:
        var reader = PcapngReader(data: bytes, name: path)
        while let packet = reader.next() {
          if packet.linkType == 1 { frames.append(Array(packet.bytes)) }
        }
      case .unknown:
        break
      }
      return frames
    }
  }

  /// Calls `body` with a label and the bytes of every Ethernet frame in the corpus and the example plant.
  static func forEach(_ body: (String, [UInt8]) -> Void) throws {
    let root = try Corpus.requireRoot()
    var paths = Corpus.captures.map { root.appendingPathComponent("pcaps/" + $0).path }
    let plant = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures")
    paths += try FileManager.default.contentsOfDirectory(atPath: plant.path).map {
      plant.appendingPathComponent($0).path
    }
    for path in paths {
      for (index, frame) in frames(path).enumerated() { body("\(path) packet \(index + 1)", frame) }
    }
  }

  /// How many frames of the corpus `check` accepts and declines.
  static func tally(_ check: (String, [UInt8]) -> Bool) throws -> (accepted: Int, declined: Int) {
    var accepted = 0
    var declined = 0
    try forEach { label, frame in
      if check(label, frame) { accepted += 1 } else { declined += 1 }
    }
    return (accepted, declined)
  }

  /// How many of `rounds` damaged frames of the example plant's SCADA recording `check` accepts: each has a header
  /// byte changed or its tail cut, or (`taggingVLANs`) one or two 802.1Q tags inserted.
  static func tallyDamaged(rounds: Int, taggingVLANs: Bool, _ check: (String, [UInt8]) -> Bool) -> Int {
    let frames = frames(
      Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures/scada.pcap").path)
    #expect(frames.count > 100)
    var generator = SystemRandomNumberGenerator()
    var accepted = 0
    for round in 0..<rounds {
      var frame = frames[round % frames.count]
      switch Int.random(in: 0..<(taggingVLANs ? 3 : 2), using: &generator) {
      case 0:
        let index = Int.random(in: 0..<min(frame.count, 80), using: &generator)
        frame[index] = UInt8.random(in: 0...255, using: &generator)
      case 1:
        frame.removeLast(Int.random(in: 0..<min(frame.count, 70), using: &generator))
      default:
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
          frame.insert(contentsOf: [0x81, 0x00, UInt8.random(in: 0...0x0f, using: &generator), 0x2a], at: 12)
        }
      }
      if check("damaged frame \(round)", frame) { accepted += 1 }
    }
    return accepted
  }
}
