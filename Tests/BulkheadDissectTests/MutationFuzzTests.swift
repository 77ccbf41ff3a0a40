import BulkheadCapture
import Testing

@testable import BulkheadDissect

/// Seeded mutation fuzzing of every dissector: corpus streams with flipped, inserted, deleted and length bytes.
///
/// Bounded by iteration count (not time), so it is deterministic; a crash fails the whole test run.
@Suite struct MutationFuzzTests {
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
  }

  static let seeds = [
    "modbus/icsnpp-modbus__modbus_example.pcap",
    "mqtt/zeek__mqtt.pcap",
    "opcua/icsnpp-opcua__open62541_client-server_mainloop.pcap",
    "s7comm/icsnpp-s7comm__s7ident.pcap",
    "dnp3/icsnpp-dnp3__dnp3_example.pcap",
    "dnp3/zeek__dnp3_udp_read.pcap",
    "iec104/zeek-iec104__iec104.pcap",
    "enip-cip/icsnpp-enip__multiple_service_packet_cip.pcapng",
    "iec61850-mms-goose/iti__iec61850_write.pcap",
    "bacnet/icsnpp-bacnet__bacnet_segmented_data.pcap",
    "tls/zeek__tls-conn-with-extensions.pcap",
    "_encapsulation/zeek__gre-sample.pcap",
    "smb/zeek__smb2.delete-on-close-perms-delete-existing.pcap",
  ]

  @Test func mutatedStreamsNeverCrash() throws {
    var random = Generator(state: 0x9E37_79B9_7F4A_7C15)
    var runs = 0
    for pcap in Self.seeds {
      for flow in CaptureFlows.flows(try Corpus.pcap(pcap)).prefix(3) {
        // The first few kilobytes of each direction keep iterations cheap.
        let events = Array(flow.events.prefix(40))
        for _ in 0..<300 {
          var mutated = events
          for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = Int.random(in: 0..<mutated.count, using: &random)
            guard case .bytes(var bytes, let direction, let packet) = mutated[index], !bytes.isEmpty else { continue }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes[at] ^= UInt8.random(in: 1...255, using: &random)
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
            case 2: bytes.remove(at: at)
            default: bytes[at] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &random)]
            }
            mutated[index] = .bytes(bytes, direction, packet: packet)
          }
          // Every dissector, not only the matching one, so each parser meets foreign bytes too.
          for type in DissectorRegistry.all where type.transports.contains(flow.transport) {
            let observation = TestFlow.run(type, mutated, transport: flow.transport, split: runs % 3 == 0 ? 5 : nil)
            #expect(observation.violations.count <= ProtocolObservation.violationLimit)
            runs += 1
          }
        }
      }
    }
    #expect(runs > 5000)
  }
}
