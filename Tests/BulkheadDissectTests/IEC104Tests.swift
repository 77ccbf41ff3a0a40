import BulkheadCapture
import Testing

@testable import BulkheadDissect

/// IEC 60870-5-104: APCI formats, ASDU classes, and malformed APDUs as violations.
@Suite struct IEC104Tests {
  /// Zeek's capture sends every monitor type with its element sizes and each command type 45-51: all of it parses
  /// without a violation, commands are control and the interrogation read.
  @Test func commandsAreControlAndMonitoringIsRead() throws {
    let observations = CaptureFlows.flows(try Corpus.pcap("iec104/zeek-iec104__iec104.pcap")).compactMap {
      $0.observe()
    }
    let observation = try #require(observations.first)
    #expect(observations.count == 1)
    #expect(observation.protocolID == .iec104)
    #expect(observation.violationCount == 0, "\(observation.violations)")
    #expect(observation.operation(named: "C_SC_NA_1")?.operationClass == .control)
    #expect(observation.operation(named: "C_SE_NC_1")?.operationClass == .control)
    #expect(observation.operation(named: "M_ME_NC_1")?.operationClass == .read)
    #expect(observation.operation(named: "C_IC_NA_1")?.operationClass == .read)
    #expect(observation.operation(named: "STARTDT_ACT")?.requests == 1)
    #expect(observation.operationClasses == [.read, .control, .diagnostics, .other])
    #expect(observation.security.authenticated == .no && observation.security.encrypted == .no)
  }

  @Test func otherCaptureParsesWithoutViolations() throws {
    let observations = CaptureFlows.flows(try Corpus.pcap("iec104/iti__JavaRMI_and_IEC_Misc.pcap")).compactMap {
      $0.observe()
    }
    #expect(observations.count == 2)
    #expect(observations.allSatisfy { $0.protocolID == .iec104 && $0.violationCount == 0 })
  }

  /// §5: U- and S-frames are four control octets; an APDU whose start octet is not 0x68 loses the framing.
  @Test func malformedAPDUsAreViolations() {
    let startDT: [UInt8] = [0x68, 0x04, 0x07, 0x00, 0x00, 0x00]
    #expect(startDT.withUnsafeBytes { IEC104Dissector.matches($0, transport: .tcp) })
    // Two function bits at once, and an S-frame with a non-zero second octet, are no APCI.
    #expect(![0x68, 0x04, 0x0F, 0x00, 0x00, 0x00].withUnsafeBytes { IEC104Dissector.matches($0, transport: .tcp) })
    #expect(![0x68, 0x04, 0x01, 0x05, 0x00, 0x00].withUnsafeBytes { IEC104Dissector.matches($0, transport: .tcp) })
    #expect(!startDT.withUnsafeBytes { IEC104Dissector.matches($0, transport: .udp) })

    var dissector = IEC104Dissector(transport: .tcp)
    dissector.consume(startDT, direction: .initiatorToResponder, packet: 1)
    // C_SC_NA_1 activation declaring one object but carrying two element octets.
    let command: [UInt8] = [
      0x68, 0x0F, 0x00, 0x00, 0x00, 0x00, 45, 0x01, 0x06, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x01,
    ]
    dissector.consume(command, direction: .initiatorToResponder, packet: 2)
    dissector.consume([0x68, 0x02, 0x01, 0x00], direction: .responderToInitiator, packet: 3)
    let observation = dissector.observation()
    #expect(observation.operation(named: "C_SC_NA_1")?.requests == 1)
    #expect(observation.violations.map(\.code) == ["iec104.asdu-length", "iec104.framing"])
    #expect(observation.violations.map(\.packet) == [2, 3])
  }

  /// A negative confirmation (P/N set) of a command is an exception.
  @Test func negativeConfirmationIsAnException() {
    var dissector = IEC104Dissector(transport: .tcp)
    let confirmation: [UInt8] = [
      0x68, 0x0E, 0x00, 0x00, 0x02, 0x00, 46, 0x01, 0x47, 0x00, 0x01, 0x00, 0x05, 0x00, 0x00, 0x81,
    ]
    dissector.consume(confirmation, direction: .responderToInitiator, packet: 1)
    let observation = dissector.observation()
    #expect(observation.operation(named: "C_DC_NA_1")?.exceptions == 1)
    #expect(observation.violationCount == 0)
  }
}
