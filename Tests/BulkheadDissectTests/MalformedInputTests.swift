import Testing

@testable import BulkheadDissect

/// Malformed captures give violations, never a crash.
@Suite struct MalformedInputTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var pcap: String
    var code: String
    var testDescription: String { pcap }
  }

  static let cases = [
    Case(pcap: "dnp3/iti__DNP3-Malformed.pcap", code: "dnp3."),
    Case(pcap: "modbus/zeek__fuzz-72.pcap", code: "modbus."),
    Case(pcap: "modbus/iti__modbus_test_data_part2.pcap", code: "modbus."),
  ]

  @Test(arguments: cases)
  func malformedCaptureGivesViolations(_ testCase: Case) throws {
    let observations = CaptureFlows.flows(try Corpus.pcap(testCase.pcap)).compactMap { $0.observe() }
    #expect(!observations.isEmpty)
    let violations = observations.flatMap(\.violations)
    #expect(violations.contains { $0.code.hasPrefix(testCase.code) }, "\(violations.prefix(3))")
    #expect(violations.allSatisfy { $0.packet > 0 })
  }

  /// Flipping one byte of a DNP3 user-data block is a CRC violation, and the fragment is not counted.
  @Test func badCRCIsCounted() throws {
    let flow = try #require(
      CaptureFlows.flows(try Corpus.pcap("dnp3/zeek__dnp3_write.pcap")).first { $0.observe() != nil })
    guard case .bytes(var frame, let direction, _) = try #require(flow.events.first) else {
      Issue.record("first event is not payload")
      return
    }
    let good = TestFlow.run(DNP3Dissector.self, [.bytes(frame, direction, packet: 4)], transport: .tcp)
    #expect(good.violationCount == 0)
    #expect(good.pduCount == 1)
    frame[12] ^= 0x01
    let bad = TestFlow.run(DNP3Dissector.self, [.bytes(frame, direction, packet: 4)], transport: .tcp)
    #expect(bad.pduCount == 0)
    #expect(bad.violations.map(\.code) == ["dnp3.crc"])
    #expect(bad.violations.first?.packet == 4)
  }

  /// A lying TPKT length is framing lost: one violation, the rest of the direction skipped.
  @Test func lyingTPKTVersion() {
    var dissector = ISOTransportDissector(transport: .tcp)
    dissector.consume(
      [0x04, 0x00, 0x00, 0x07, 0x02, 0xF0, 0x80, 0x03, 0x00], direction: .initiatorToResponder,
      packet: 9)
    let observation = dissector.observation()
    #expect(observation.violations.map(\.code) == ["cotp.framing"])
    #expect(observation.skippedBytes == 9)
  }
}
