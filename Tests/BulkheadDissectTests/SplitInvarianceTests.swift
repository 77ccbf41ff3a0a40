import Testing

@testable import BulkheadDissect

/// Every TCP dissector sees the same thing whether a stream arrives whole or one byte at a time.
@Suite struct SplitInvarianceTests {
  static let pcaps = [
    "modbus/icsnpp-modbus__modbus_example.pcap",
    "modbus/iti__modbus_test_data_part2.pcap",
    "modbus-umas-modicon/iti__modicon_test.pcap",
    "mqtt/zeek__mqtt.pcap",
    "opcua/icsnpp-opcua__open62541_client-server_mainloop.pcap",
    "opcua/icsnpp-opcua__python_opcua-client-server_encrypted.pcap",
    "s7comm/icsnpp-s7comm__s7ident.pcap",
    "s7comm/iti__s7comm_downloading_block_db1.pcap",
    "s7comm/iti__S7-1200-Uploading-OB1-TIAV12.pcap",
    "dnp3/icsnpp-dnp3__dnp3_example.pcap",
    "dnp3/iti__DNP3-Malformed.pcap",
    "iec104/zeek-iec104__iec104.pcap",
    "enip-cip/icsnpp-enip__multiple_service_packet_cip.pcapng",
    "enip-cip/iti__EIP-SoftwareUpload.pcap",
    "iec61850-mms-goose/iti__iec61850_read.pcap",
    "iec61850-mms-goose/iti__Sample_File_MMS_and_GOOSE.pcap",
    "tls/zeek__tls-conn-with-extensions.pcap",
    "_encapsulation/zeek__pppoe-over-qinq.pcap",
    "_encapsulation/zeek__gre-sample.pcap",
    "smb/zeek__smb2.delete-on-close-perms-delete-existing.pcap",
  ]

  @Test(arguments: pcaps)
  func wholeEqualsBytewise(_ pcap: String) throws {
    let flows = CaptureFlows.flows(try Corpus.pcap(pcap)).filter { $0.transport == .tcp }
    var observed = 0
    for flow in flows {
      guard let (type, events) = flow.selection() else { continue }
      observed += 1
      let whole = TestFlow.run(type, events, transport: .tcp)
      // The glue keeps an observation only when it is evidence of the protocol (SignatureEvidenceTests).
      let named = whole.isEvidence(for: type.signaturePriority) ? whole : nil
      #expect(flow.observe() == named, "\(pcap) \(flow.key) through the capture glue")
      #expect(TestFlow.run(type, events, transport: .tcp, split: 1) == whole, "\(pcap) \(flow.key) byte by byte")
      #expect(TestFlow.run(type, events, transport: .tcp, split: 7) == whole, "\(pcap) \(flow.key) 7-byte pieces")
    }
    #expect(observed > 0, "no dissected TCP flow in \(pcap)")
  }

  /// Two pieces, cut at every offset of a small stream.
  @Test func everyCutOfOneStream() throws {
    let flow = try #require(
      CaptureFlows.flows(try Corpus.pcap("modbus/icsnpp-modbus__modbus_example.pcap")).first { $0.observe() != nil })
    let whole = try #require(flow.observe())
    // Join each direction into one chunk, then cut it in two at every offset.
    var request: [UInt8] = []
    var response: [UInt8] = []
    for case .bytes(let bytes, let direction, _) in flow.events {
      if direction == .initiatorToResponder { request += bytes } else { response += bytes }
    }
    let joined = TestFlow.run(
      ModbusDissector.self,
      [.bytes(request, .initiatorToResponder, packet: 1), .bytes(response, .responderToInitiator, packet: 1)],
      transport: .tcp)
    #expect(joined.operations == whole.operations)
    for cut in 1..<request.count {
      let pieces = TestFlow.run(
        ModbusDissector.self,
        [
          .bytes(Array(request[..<cut]), .initiatorToResponder, packet: 1),
          .bytes(Array(request[cut...]), .initiatorToResponder, packet: 1),
          .bytes(response, .responderToInitiator, packet: 1),
        ], transport: .tcp)
      #expect(pieces == joined, "cut at \(cut)")
    }
  }
}
