import Foundation
import Testing

@testable import BulkheadCapture

/// The decoder's inline path for the common frame (Ethernet, ≤ 1 VLAN tag, IPv4 without options, TCP/UDP) must
/// decode exactly what the general path decodes, and must leave the packet untouched when it declines.
@Suite struct DecoderFastPathTests {
  /// Decodes a frame both ways; returns whether the inline path took it.
  @discardableResult static func check(_ frame: [UInt8], _ label: String) -> Bool {
    frame.withUnsafeBytes { bytes in
      var general = DecodedPacket()
      let outcome = PacketDecoder.decodeAny(bytes, linkType: 1, into: &general)
      var inline = DecodedPacket()
      guard let base = bytes.baseAddress, PacketDecoder.decodeCommon(base, bytes.count, &inline) else {
        #expect(
          String(describing: inline) == String(describing: DecodedPacket()),
          "\(label): the declined inline path wrote into the packet")
        return false
      }
      #expect(outcome == .ip, "\(label): inline path took a frame the general path decodes as \(outcome)")
      #expect(
        String(describing: inline) == String(describing: general), "\(label): inline and general decodes differ")
      return true
    }
  }

  @Test func agreesWithTheGeneralPathOnTheCorpusAndTheExamplePlant() throws {
    let root = try #require(Corpus.root, Comment(rawValue: Corpus.missingMessage))
    var paths = Corpus.captures.map { root.appendingPathComponent("pcaps/" + $0).path }
    let plant = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures")
    paths += try FileManager.default.contentsOfDirectory(atPath: plant.path).map {
      plant.appendingPathComponent($0).path
    }
    var taken = 0
    var declined = 0
    for path in paths {
      for (index, frame) in ShardPrefilterTests.frames(path).enumerated() {
        if Self.check(frame, "\(path) packet \(index + 1)") { taken += 1 } else { declined += 1 }
      }
    }
    // Most corpus frames are the common kind; the rest (ARP, IPv6, options, fragments, tunnels, ICMP) decline.
    #expect(taken > 10_000 && declined > 1_000)
  }

  /// Damaged frames: a header byte changed (including lengths, IHL, fragment bits, VLAN tags) or the frame cut.
  @Test func agreesWithTheGeneralPathOnMutatedFrames() {
    let plant = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures/scada.pcap").path
    let frames = ShardPrefilterTests.frames(plant)
    #expect(frames.count > 100)
    var generator = SystemRandomNumberGenerator()
    var taken = 0
    for round in 0..<20_000 {
      var frame = frames[round % frames.count]
      switch Int.random(in: 0..<3, using: &generator) {
      case 0:
        let index = Int.random(in: 0..<min(frame.count, 80), using: &generator)
        frame[index] = UInt8.random(in: 0...255, using: &generator)
      case 1:
        frame.removeLast(Int.random(in: 0..<min(frame.count, 70), using: &generator))
      default:
        // Insert an 802.1Q tag (sometimes two), so tagged frames meet both paths too.
        let tags = Int.random(in: 1...2, using: &generator)
        for _ in 0..<tags {
          frame.insert(contentsOf: [0x81, 0x00, UInt8.random(in: 0...0x0f, using: &generator), 0x2a], at: 12)
        }
      }
      if Self.check(frame, "mutation \(round)") { taken += 1 }
    }
    #expect(taken > 1_000)
  }
}
