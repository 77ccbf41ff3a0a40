import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// Screening flows in the session before giving them a handler changes nothing the dissectors report: every corpus
/// capture gives the same flows, annotations and observations as with a selecting handler for every flow from its
/// start.
@Suite struct FlowScreeningTests {
  /// The dissectors without screening in the session: every flow gets a selecting handler when it starts.
  final class Unscreened: FlowPayloadConsumer {
    let dissectors = DissectorConsumer()
    func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? { dissectors.flowDidStart(flow) }
  }

  static func captures() throws -> [String] {
    let root = try Corpus.root().appendingPathComponent("pcaps")
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
      .map { root.appendingPathComponent($0).path }
  }

  @Test func wholeCorpusObservesTheSameWithAndWithoutScreening() throws {
    let files = try Self.captures()
    try #require(files.count >= 250, "the corpus subset lost captures")
    var udpObserved = 0
    for file in files {
      let screening = DissectorConsumer()
      #expect(screening.screensFlows)
      let screened = CaptureSession.run(files: [file], consumer: screening)
      let unscreened = Unscreened()
      let reference = CaptureSession.run(files: [file], consumer: unscreened)
      let name = (file as NSString).lastPathComponent
      #expect(screened.flows == reference.flows, "\(name): flows")
      #expect(screening.observations == unscreened.dissectors.observations, "\(name): observations")
      udpObserved += screened.flows.filter { $0.transport == .udp && !$0.annotations.isEmpty }.count
    }
    // The comparison covers claimed UDP flows (DNP3 and EtherNet/IP over UDP), not only unclaimed ones.
    #expect(udpObserved > 0)
  }

  /// Damaged captures too (flipped and cut bytes, so signatures half-match, datagrams are snaplen-cut and streams
  /// have holes): screening in the session still observes what a self-screening handler observes, and nothing
  /// crashes. Bounded by iteration count, so it is deterministic.
  @Test(arguments: [
    "dnp3/zeek__dnp3_udp_read.pcap", "enip-cip/iti__EIP-IPAddressChangeAttempt.pcap",
    "modbus/icsnpp-modbus__modbus_example.pcap",
    "opcua/icsnpp-opcua__open62541_client-server_mainloop.pcap", "s7comm/icsnpp-s7comm__s7ident.pcap",
  ])
  func mutatedCapturesObserveTheSame(_ relative: String) throws {
    let path = try Corpus.pcap(relative)
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var generator = MutationFuzzTests.Generator(
      state: relative.utf8.reduce(5381) { $0 &* 33 &+ UInt64($1) })
    // BULKHEAD_FUZZ_ITERATIONS raises the count for a longer local campaign.
    let iterations = ProcessInfo.processInfo.environment["BULKHEAD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 40
    for iteration in 0..<iterations {
      var bytes = original
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        let at = Int.random(in: 24..<bytes.count, using: &generator)
        bytes[at] = UInt8.random(in: 0...255, using: &generator)
      }
      if Bool.random(using: &generator) { bytes.removeLast(Int.random(in: 0..<bytes.count / 4, using: &generator)) }
      let screening = DissectorConsumer()
      let unscreened = Unscreened()
      let (screened, reference) = bytes.withUnsafeBytes { raw in
        let first = CaptureSession(consumer: screening)
        first.read(bytes: raw, name: "mutated")
        let second = CaptureSession(consumer: unscreened)
        second.read(bytes: raw, name: "mutated")
        return (first.finish(), second.finish())
      }
      #expect(screened.flows == reference.flows, "\(relative) iteration \(iteration): flows")
      #expect(screening.observations == unscreened.dissectors.observations, "\(relative) iteration \(iteration)")
    }
  }
}
