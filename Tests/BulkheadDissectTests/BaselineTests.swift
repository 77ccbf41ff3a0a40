import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// Per-flow operation counts against Zeek / Zeek ICSNPP baseline logs in the corpus subset (Tests/Fixtures/corpus).
@Suite struct BaselineTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var pcap: String
    var log: String
    var protocolID: ProtocolID
    var testDescription: String { "\(log)" }
  }

  static let cases: [Case] =
    [
      // Modbus: base Zeek modbus.log logs one row per response or exception.
      Case(
        pcap: "modbus/icsnpp-modbus__modbus_example.pcap", log: "icsnpp-modbus/analyzer.basic/modbus.log",
        protocolID: .modbus),
      Case(
        pcap: "modbus/iti__modbus_test_data_part1.pcap", log: "ics-pcap/MODBUS_MODBUS-TestDataPart1/modbus.log",
        protocolID: .modbus),
      Case(
        pcap: "modbus/iti__modbus_test_data_part2.pcap", log: "ics-pcap/MODBUS_MODBUS-TestDataPart2/modbus.log",
        protocolID: .modbus),
      Case(
        pcap: "modbus/zeek__fuzz-72.pcap", log: "zeek/scripts.base.protocols.modbus.exception_handling/modbus.log",
        protocolID: .modbus),
      Case(
        pcap: "modbus/zeek__fuzz-1011.pcap", log: "zeek/scripts.base.protocols.modbus.register_parsing/modbus.log",
        protocolID: .modbus),
      Case(
        pcap: "modbus/zeek__modbus-and-non-modbus-p502.pcap",
        log: "zeek/scripts.base.protocols.modbus.modbus_and_non_modbus_on_port_502/modbus.log", protocolID: .modbus),
      // OPC UA: one opcua_binary.log row per connection message or request/response pair.
      Case(
        pcap: "opcua/icsnpp-opcua__open62541_client-server_mainloop.pcap",
        log: "icsnpp-opcua/analyzer.basic/opcua_binary.log", protocolID: .opcua),
      Case(
        pcap: "opcua/icsnpp-opcua__opcua_with-gap.pcap", log: "icsnpp-opcua/analyzer.data-gap/opcua_binary.log",
        protocolID: .opcua),
      Case(
        pcap: "opcua/icsnpp-opcua__open62541_client-server_mainloop-no-handshake.pcap",
        log: "icsnpp-opcua/analyzer.no-handshake/opcua_binary.log", protocolID: .opcua),
      // S7comm: one s7comm.log row per S7 PDU.
      Case(
        pcap: "s7comm/icsnpp-s7comm__s7ident.pcap", log: "icsnpp-s7comm/analyzer.s7ident/s7comm.log",
        protocolID: .s7comm),
      // DNP3: one dnp3.log row per request/reply pair (fc_request, fc_reply).
      Case(pcap: "dnp3/icsnpp-dnp3__dnp3_example.pcap", log: "icsnpp-dnp3/analyzer.basic/dnp3.log", protocolID: .dnp3),
    ]
    + ["del_measure", "en_spon", "file_del", "rec_time", "udp_en_spon", "udp_read", "udp_write", "write"].map {
      Case(
        pcap: "dnp3/zeek__dnp3_\($0).pcap", log: "zeek/scripts.base.protocols.dnp3.dnp3_\($0)/dnp3.log",
        protocolID: .dnp3)
    } + [
      // ENIP/CIP: enip.log one row per encapsulation message, cip.log one row per CIP request or response.
      Case(
        pcap: "enip-cip/icsnpp-enip__multiple_service_packet_cip.pcapng",
        log: "icsnpp-enip/analyzer.multiple_service_request/cip.log", protocolID: .enip),
      Case(
        pcap: "enip-cip/icsnpp-enip__set_attribute_single_service_cip.pcapng",
        log: "icsnpp-enip/analyzer.set_attr_single_service/cip.log", protocolID: .enip),
      Case(
        pcap: "enip-cip/icsnpp-enip__multiple_service_packet_cip.pcapng",
        log: "icsnpp-enip/analyzer.multiple_service_request/enip.log", protocolID: .enip),
      // BACnet: ICSNPP bacnet.log, one row per APDU (pdu_type, pdu_service).
      Case(
        pcap: "bacnet/icsnpp-bacnet__bacnet_example.pcap", log: "icsnpp-bacnet/analyzer.basic/bacnet.log",
        protocolID: .bacnet),
      Case(
        pcap: "bacnet/icsnpp-bacnet__bacnet_segmented_data.pcap",
        log: "icsnpp-bacnet/analyzer.segmented_data/bacnet.log", protocolID: .bacnet),
    ]

  /// Differences we accept, each with the reason; the test fails if one is missing or an extra one appears.
  static let justified: [String: String] = {
    var entries: [String: String] = [
      // Old Bro (ICS-pcap run, no ICSNPP) logs no exception responses and no unknown function codes.
      "ics-pcap/MODBUS_MODBUS-TestDataPart1/modbus.log 10.0.0.57:2578-10.0.0.3:502 DIAGNOSTICS_EXCEPTION: zeek 0, bulkhead 4":
        "old Bro modbus.log does not log exception responses (0x88 gateway target failed)",
      "ics-pcap/MODBUS_MODBUS-TestDataPart1/modbus.log 10.0.0.57:4446-10.0.0.8:502 READ_COILS_EXCEPTION: zeek 0, bulkhead 10":
        "old Bro modbus.log does not log exception responses",
      "ics-pcap/MODBUS_MODBUS-TestDataPart1/modbus.log 10.0.0.57:4446-10.0.0.8:502 unknown-42: zeek 0, bulkhead 1":
        "old Bro modbus.log does not log responses with unknown function codes",
      // Fuzzed traces: after a corrupted MBAP length the two framings legitimately diverge.
      "ics-pcap/MODBUS_MODBUS-TestDataPart2/modbus.log 192.168.66.235:2582-166.161.16.230:502":
        "fuzzed trace (digitalbond part 2): old Bro names exceptions of legacy codes by raw value and counts differently",
      "zeek/scripts.base.protocols.modbus.exception_handling/modbus.log 192.168.66.235:2582-166.161.16.230:502":
        "fuzzed trace (fuzz-72): corrupted MBAP lengths; Zeek and Bulkhead frame the following bytes differently",
      "zeek/scripts.base.protocols.modbus.register_parsing/modbus.log 10.1.1.234:51411-10.10.5.104:502 transactions:READ_INPUT_REGISTERS: zeek 5, bulkhead 4":
        "frame 4 retransmits bytes already delivered; the flow table drops them, Zeek logs them again under a second uid",
      // OPC UA: after a capture gap Bulkhead resynchronises at the next UA TCP header; ICSNPP stops parsing.
      "icsnpp-opcua/analyzer.data-gap/opcua_binary.log 192.168.11.33:60952-192.168.11.34:4840":
        "Bulkhead resynchronises after the gap and keeps counting services; ICSNPP logs nothing after it",
      "icsnpp-opcua/analyzer.no-handshake/opcua_binary.log ::1:56322-::1:4840 MSG: zeek 1, bulkhead 0":
        "the first MSG is cut by the capture start; ICSNPP logs it as a bare MSG row, Bulkhead cannot read its type",
    ]
    // DNP3: dnp3.log writes one row per reply; a SELECT/OPERATE the master repeats before the reply (application
    // retry with the same sequence number) collapses into that row. Bulkhead counts every request PDU.
    for (port, select, operate) in [
      (55357, 12, 12), (55358, 12, 12), (55359, 12, 12), (55362, 13, 13), (55363, 12, 13), (55366, 12, 12),
      (55370, 12, 12),
    ] {
      let flow = "icsnpp-dnp3/analyzer.basic/dnp3.log 10.10.20.5:\(port)-10.10.20.8:20000"
      entries["\(flow) req:SELECT: zeek \(select), bulkhead 14"] = "repeated SELECT before the reply"
      entries["\(flow) req:OPERATE: zeek \(operate), bulkhead 14"] = "repeated OPERATE before the reply"
    }
    return entries
  }()

  @Test(arguments: cases)
  func countsMatchBaseline(_ testCase: Case) throws {
    let log = try ZeekLog(path: try Corpus.baseline(testCase.log))
    let expected = log.counts { row in
      if testCase.log.hasSuffix("dnp3.log") {
        // fc_request and fc_reply columns; either may be unset.
        return [
          row.count > 6 && row[6] != "-" ? "req:" + row[6] : nil,
          row.count > 7 && row[7] != "-" ? "rep:" + row[7] : nil,
        ]
        .compactMap { $0 }
      }
      if testCase.log.hasSuffix("modbus.log"), let funcIndex = log.fields.firstIndex(of: "func"),
        funcIndex < row.count
      {
        // Older Zeek logs keep the function name and put the exception in its own column.
        let exceptionIndex = log.fields.firstIndex(of: "exception") ?? row.count
        let exception = exceptionIndex < row.count && row[exceptionIndex] != "-"
        var name = row[funcIndex]
        if log.fields.contains("pdu_type") {
          // Newer Zeek: one row per transaction (RESP, or REQ when unanswered); exceptions of unknown codes are
          // named by the raw code (unknown-156 is function 28).
          if name.hasSuffix("_EXCEPTION") { name.removeLast("_EXCEPTION".count) }
          if name.hasPrefix("unknown-"), let code = Int(name.dropFirst("unknown-".count)), code >= 128 {
            name = "unknown-\(code - 128)"
          }
          return ["transactions:" + name]
        }
        // Old Bro names an exception by its raw code when the function is unknown (unknown-156 = 28 + 0x80).
        if name.hasPrefix("unknown-"), let code = Int(name.dropFirst("unknown-".count)), code >= 128 {
          return ["unknown-\(code - 128)_EXCEPTION"]
        }
        return [exception && !name.hasSuffix("_EXCEPTION") ? name + "_EXCEPTION" : name]
      }
      return Self.baselineName(testCase.log, row).map { [$0] } ?? []
    }
    let perTransaction = testCase.log.hasSuffix("modbus.log") && log.fields.contains("pdu_type")
    var actual: [String: [String: Int]] = [:]
    // Flows of other protocols in the same capture (an RDP probe on port 502) are not in the protocol's log.
    for (key, observation) in CaptureFlows.observations(try Corpus.pcap(testCase.pcap))
    where observation.protocolID == testCase.protocolID
      || (testCase.protocolID == .s7comm && observation.protocolID == .s7commPlus)
    {
      let counts =
        perTransaction
        ? Self.transactions(observation) : Self.ourNames(testCase.log, observation)
      if !counts.isEmpty { actual[key] = counts }
    }
    var differences: [String] = []
    for key in Set(expected.keys).union(actual.keys).sorted() {
      let theirs = expected[key] ?? [:]
      let ours = actual[key] ?? [:]
      for name in Set(theirs.keys).union(ours.keys).sorted() where theirs[name] != ours[name] {
        differences.append("\(key) \(name): zeek \(theirs[name] ?? 0), bulkhead \(ours[name] ?? 0)")
      }
    }
    // A justification names one difference line, or a whole flow (`log flow`) for fuzzed traces.
    func justification(_ line: String) -> String? {
      Self.justified["\(testCase.log) \(line)"]
        ?? Self.justified["\(testCase.log) \(line.split(separator: " ").first.map(String.init) ?? "")"]
    }
    let unexplained = differences.filter { justification($0) == nil }
    #expect(unexplained == [], "\(testCase.log)")
    let stale = Self.justified.keys.filter { $0.hasPrefix(testCase.log + " ") }.filter { entry in
      !differences.contains { "\(testCase.log) \($0)" == entry || "\(testCase.log) \($0)".hasPrefix(entry + " ") }
    }
    #expect(stale == [], "justified differences that no longer occur")
  }

  static func baselineName(_ log: String, _ row: [String]) -> String? {
    func field(_ i: Int) -> String? { i < row.count && row[i] != "-" ? row[i] : nil }
    if log.hasSuffix("modbus.log") { return field(6) }
    if log.hasSuffix("dnp3.log") { return nil }
    if log.hasSuffix("opcua_binary.log") {
      if let request = row.first(where: { $0.hasSuffix("Request") }) { return request }
      return field(6)
    }
    if log.hasSuffix("s7comm.log") {
      guard let rosctr = field(11), let function = field(14) else { return nil }
      if rosctr == "7" { return "ud:\(function):\(field(16) ?? "-")" }
      return "\(rosctr):\(function)"
    }
    if log.hasSuffix("cip.log") {
      guard let index = row.firstIndex(where: { $0 == "request" || $0 == "response" }), index + 1 < row.count
      else { return nil }
      return "\(row[index]):\(row[index + 1])"
    }
    if log.hasSuffix("enip.log") { return field(11) }
    if log.hasSuffix("bacnet.log") {
      guard let type = field(12) else { return nil }
      // Bulkhead counts simple and complex acknowledgements alike, as the service's responses.
      let kind = type == "SIMPLE_ACK" || type == "COMPLEX_ACK" ? "ACK" : type
      return "\(kind):\(field(13) ?? "-")"
    }
    return nil
  }

  static func ourNames(_ log: String, _ observation: ProtocolObservation) -> [String: Int] {
    var result: [String: Int] = [:]
    func add(_ name: String, _ count: Int) { if count > 0 { result[name, default: 0] += count } }
    for tally in observation.operations {
      if log.hasSuffix("modbus.log") {
        add(tally.name, tally.responses)
        add(tally.name + "_EXCEPTION", tally.exceptions)
      } else if log.hasSuffix("dnp3.log") {
        if tally.code >= 129 {
          add("rep:" + tally.name, tally.responses)
        } else {
          add("req:" + tally.name, tally.requests)
        }
      } else if log.hasSuffix("opcua_binary.log") {
        if tally.code > 0xFFFF { add(tally.name, tally.total) } else { add(tally.name, tally.requests) }
      } else if log.hasSuffix("s7comm.log") {
        let code = tally.code
        if code >= S7Operation.userdataBase && code < S7Operation.plusBase {
          let group = (code >> 8) & 0x0F
          let sub = "0x" + hex2(UInt8(code & 0xFF))
          add("ud:0x4\(String(group, radix: 16)):\(sub)", tally.requests)
          add("ud:0x8\(String(group, radix: 16)):\(sub)", tally.responses + tally.exceptions)
        } else if code < 0x100 {
          add("1:0x\(hex2(UInt8(code)))", tally.requests)
          add("3:0x\(hex2(UInt8(code)))", tally.responses + tally.exceptions)
        }
      } else if log.hasSuffix("cip.log") {
        guard tally.code < ENIPCommand.base else { continue }
        let service = UInt8(tally.code & 0x7F)
        add("request:0x\(hex2(service))", tally.requests)
        add("response:0x\(hex2(service))", tally.responses + tally.exceptions)
      } else if log.hasSuffix("enip.log") {
        guard tally.code >= ENIPCommand.base, tally.code < ENIPCommand.ioToTarget else { continue }
        add("0x\(hex2(UInt8(tally.code & 0xFF)))", tally.total)
      } else if log.hasSuffix("bacnet.log") {
        // ICSNPP's service names are snake case: readProperty → read_property, who-Is → who_is.
        let name = tally.name.reduce(into: "") { result, character in
          if character == "-" {
            result += "_"
          } else if character.isUppercase, let last = result.last, last != "_" {
            result += "_" + character.lowercased()
          } else {
            result += character.lowercased()
          }
        }
        if tally.code < BACnetService.unconfirmedBase {
          add("CONFIRMED_REQUEST:" + name, tally.requests)
          add("ACK:" + name, tally.responses)
          add("ERROR_PDU:" + name, tally.exceptions)
        } else if tally.code < BACnetService.bvlcBase {
          add("UNCONFIRMED_REQUEST:" + name, tally.total)
        } else if tally.code == BACnetService.segmentAck {
          add("SEGMENT_ACK:-", tally.total)
        }
      }
    }
    return result
  }

  /// Modbus PDUs per function (newer Zeek logs a REQ row and a RESP row per transaction).
  static func transactions(_ observation: ProtocolObservation) -> [String: Int] {
    var result: [String: Int] = [:]
    for tally in observation.operations {
      let count = tally.total
      if count > 0 { result["transactions:" + tally.name] = count }
    }
    return result
  }

  static func hex2(_ value: UInt8) -> String {
    let text = String(value, radix: 16)
    return text.count == 1 ? "0" + text : text
  }
}
