import BulkheadCapture
import Foundation
import Testing

/// Seeded random mutations of real captures: the readers must never crash, and every packet read must be accounted
/// for (in a flow, or counted as not decoded). Bounded in iterations so it runs in a few seconds.
@Suite struct MutationFuzzTests {
  /// SplitMix64: a tiny deterministic generator, so a failure names its seed and can be replayed.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9e37_79b9_7f4a_7c15
      var z = state
      z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
      z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
      return z ^ (z >> 31)
    }
  }

  /// Small captures covering both formats, byte orders and the link types in the corpus.
  static let seeds = [
    "iti__m-send-req.mms.pcap", "zeek__pcapng-multi-interface.pcapng", "zeek__linux_dlt_sll2.pcap", "zeek__q-in-q.pcap",
    "zeek__ipv6-fragmented-dns.pcap", "iti__opendnp3-conformance-6.1.2.pcap", "zeek__gre-sample.pcap",
    "icsnpp-profinet__profinet_io_cm_connect_minimal.pcapng", "zeek__trunc-hdr.pcap", "zeek__dns-svcb.pcap",
    "icsnpp-enip__set_attribute_single_service_cip.pcapng", "zeek__snmpv1_get.pcap",
  ]

  static func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
    var bytes = input
    guard !bytes.isEmpty else { return bytes }
    for _ in 0..<Int.random(in: 1...8, using: &rng) {
      let at = Int.random(in: 0..<bytes.count, using: &rng)
      switch Int.random(in: 0..<6, using: &rng) {
      case 0:
        bytes[at] ^= UInt8.random(in: 1...255, using: &rng)
      case 1:
        // A length-looking field set to something extreme.
        let choices: [UInt32] = [UInt32.max, 0, 0x7fff_ffff, 12, 13, 65535]
        let value = choices.randomElement(using: &rng) ?? 0
        for i in 0..<4 where at + i < bytes.count { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
      case 2:
        bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
      case 3:
        bytes.insert(
          contentsOf: (0..<Int.random(in: 1...32, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) },
          at: at)
      case 4:
        bytes = Array(bytes.prefix(at))
      default:
        let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
        bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &rng))
      }
      if bytes.isEmpty { break }
    }
    return bytes
  }

  static func exercise(_ bytes: [UInt8], name: String) -> CaptureReport {
    let consumer = RecordingConsumer()
    var options = CaptureOptions()
    options.reorderBufferLimit = 4096
    options.ouiTablePath = "/nonexistent"
    let session = CaptureSession(options: options, consumer: consumer)
    bytes.withUnsafeBytes { session.read(bytes: $0, name: name) }
    return session.finish()
  }

  @Test(arguments: seeds)
  func mutatedCapturesNeverCrashAndStayAccounted(_ name: String) throws {
    let path = try #require(Corpus.path(named: name), Comment(rawValue: Corpus.missingMessage))
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var rng = SplitMix(state: UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
    // BULKHEAD_FUZZ_ITERATIONS raises the count for a longer local campaign.
    let iterations = ProcessInfo.processInfo.environment["BULKHEAD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 150
    for iteration in 0..<iterations {
      let mutated = Self.mutate(original, &rng)
      let report = Self.exercise(mutated, name: "\(name)#\(iteration)")
      let s = report.statistics
      #expect(s.packetsRead == s.packetsInFlows + s.packetsNotDecoded, "\(name) iteration \(iteration)")
    }
  }

  /// Hand-made malformed captures (and any crasher the mutations ever find), kept as named fixtures.
  @Test(arguments: [
    "malformed-pcapng-option-overrun.pcapng", "malformed-pcap-zero-and-lying-records.pcap",
    "malformed-pcapng-garbage-between-blocks.pcapng",
  ])
  func malformedFixtures(_ fixture: String) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Corpus.fixture(fixture))))
    let report = Self.exercise(bytes, name: fixture)
    #expect(report.statistics.packetsRead == report.statistics.packetsInFlows + report.statistics.packetsNotDecoded)
    #expect(!report.diagnostics.isEmpty, "a malformed fixture must be reported")
    #expect(report.statistics.packetsRead > 0, "what precedes the damage is still read")
  }
}
