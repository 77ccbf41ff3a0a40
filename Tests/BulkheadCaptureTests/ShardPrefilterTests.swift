import BulkheadModel
import Foundation
import Testing

@testable import BulkheadCapture

/// The shard shortcut answers only for frames the decoder decodes as TCP/UDP, and with the decoded flow's hash.
@Suite struct ShardPrefilterTests {
  /// Checks one frame; returns whether the shortcut answered.
  @discardableResult static func check(_ frame: [UInt8], _ label: String) -> Bool {
    frame.withUnsafeBytes { bytes in
      guard let hash = ShardPrefilter.hash(ethernetFrame: bytes) else { return false }
      var decoded = DecodedPacket()
      let outcome = PacketDecoder.decode(bytes, linkType: 1, into: &decoded)
      guard case .ip = outcome else {
        Issue.record("\(label): shortcut answered for a frame decoded as \(outcome)")
        return true
      }
      let key = FlowKey(
        aHigh: decoded.sourceHigh, aLow: decoded.sourceLow, bHigh: decoded.destinationHigh,
        bLow: decoded.destinationLow, aPort: decoded.sourcePort, bPort: decoded.destinationPort,
        transport: decoded.transport, family: decoded.family, vlan: decoded.vlan)
      let reversed = FlowKey(
        aHigh: decoded.destinationHigh, aLow: decoded.destinationLow, bHigh: decoded.sourceHigh,
        bLow: decoded.sourceLow, aPort: decoded.destinationPort, bPort: decoded.sourcePort,
        transport: decoded.transport, family: decoded.family, vlan: 0)
      #expect(key.shardHash == hash && reversed.shardHash == hash, "\(label): hash differs from the decoded flow's")
      #expect(decoded.transport == 6 || decoded.transport == 17, "\(label): not TCP/UDP")
      #expect(!decoded.isFragment && decoded.tunnelDepth == 0, "\(label)")
      return true
    }
  }

  @Test func agreesWithTheDecoderOnTheCorpusAndTheExamplePlant() throws {
    let (answered, undecided) = try CorpusFrames.tally { label, frame in Self.check(frame, label) }
    // Most corpus frames are plain TCP/UDP; the rest (ARP, fragments, tunnels, ICMP, …) fall back to decoding.
    #expect(answered > 10_000 && undecided > 1_000)
  }

  /// Mutated frames: wherever the shortcut still answers, the decoder must agree.
  @Test func agreesWithTheDecoderOnMutatedFrames() {
    let answered = CorpusFrames.tallyDamaged(rounds: 20_000, taggingVLANs: false) { label, frame in
      Self.check(frame, label)
    }
    #expect(answered > 1_000)
  }
}
