import BulkheadModel
import Foundation
import Testing

@testable import BulkheadCapture

/// The shard shortcut answers only for frames the decoder decodes as TCP/UDP, and with the decoded flow's hash.
@Suite struct ShardPrefilterTests {
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
    let root = try #require(Corpus.root, Comment(rawValue: Corpus.missingMessage))
    var paths = Corpus.captures.map { root.appendingPathComponent("pcaps/" + $0).path }
    let plant = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures")
    paths += try FileManager.default.contentsOfDirectory(atPath: plant.path).map {
      plant.appendingPathComponent($0).path
    }
    var answered = 0
    var undecided = 0
    for path in paths {
      for (index, frame) in Self.frames(path).enumerated() {
        if Self.check(frame, "\(path) packet \(index + 1)") { answered += 1 } else { undecided += 1 }
      }
    }
    // Most corpus frames are plain TCP/UDP; the rest (ARP, fragments, tunnels, ICMP, …) fall back to decoding.
    #expect(answered > 10_000 && undecided > 1_000)
  }

  /// Mutated frames: wherever the shortcut still answers, the decoder must agree.
  @Test func agreesWithTheDecoderOnMutatedFrames() {
    let plant = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures/scada.pcap").path
    let frames = Self.frames(plant)
    #expect(frames.count > 100)
    var generator = SystemRandomNumberGenerator()
    var answered = 0
    for round in 0..<20_000 {
      var frame = frames[round % frames.count]
      // Break a header byte, or cut the frame short.
      if Bool.random(using: &generator) {
        let index = Int.random(in: 0..<min(frame.count, 80), using: &generator)
        frame[index] = UInt8.random(in: 0...255, using: &generator)
      } else {
        frame.removeLast(Int.random(in: 0..<min(frame.count, 70), using: &generator))
      }
      if Self.check(frame, "mutation \(round)") { answered += 1 }
    }
    #expect(answered > 1_000)
  }
}
