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
    let (taken, declined) = try CorpusFrames.tally { label, frame in Self.check(frame, label) }
    // Most corpus frames are the common kind; the rest (ARP, IPv6, options, fragments, tunnels, ICMP) decline.
    #expect(taken > 10_000 && declined > 1_000)
  }

  /// Damaged frames: a header byte changed (including lengths, IHL, fragment bits), the frame cut, or 802.1Q tags
  /// inserted, so tagged frames meet both paths too.
  @Test func agreesWithTheGeneralPathOnMutatedFrames() {
    let taken = CorpusFrames.tallyDamaged(rounds: 20_000, taggingVLANs: true) { label, frame in
      Self.check(frame, label)
    }
    #expect(taken > 1_000)
  }
}
