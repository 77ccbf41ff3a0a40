import Testing

@testable import BulkheadDissect

/// What each dissector reports on real captures: classes, security, identities.
@Suite struct ObservationTests {
  func observations(_ pcap: String) throws -> [ProtocolObservation] {
    CaptureFlows.flows(try Corpus.pcap(pcap)).compactMap { $0.observe() }
  }

  @Test func modbusClassesAndDeviceIdentification() throws {
    let all = try observations("modbus/icsnpp-modbus__modbus_example.pcap")
    let first = try #require(all.first)
    #expect(first.protocolID == .modbus)
    #expect(first.operationClasses.contains(.read))
    #expect(first.operationClasses.contains(.write))
    #expect(first.operationClasses.contains(.fileTransfer))
    #expect(first.security.authenticated == .no)
    #expect(first.operation(named: "READ_COILS")?.requests == 2)
  }

  @Test func umasIsProgramming() throws {
    let observation = try #require(try observations("modbus-umas-modicon/iti__modicon_test.pcap").first)
    #expect(observation.operation(named: "UMAS")?.requests == 90)
    #expect(observation.operationClasses == [.program])
  }

  @Test func opcuaSecurityModes() throws {
    let plain = try observations("opcua/icsnpp-opcua__open62541_client-server_mainloop.pcap")
    #expect(plain.allSatisfy { $0.security.mode == "None" && $0.security.encrypted == .no })
    #expect(plain.contains { $0.security.userIdentity == "username" && $0.security.authenticated == .yes })
    let encrypted = try observations("opcua/icsnpp-opcua__open62541_client-server_encrypted.pcap")
    let secured = try #require(encrypted.first { $0.security.policy?.hasSuffix("#Basic128Rsa15") == true })
    #expect(secured.security.mode == "SignAndEncrypt")
    #expect(secured.security.encrypted == .yes)
    // python-opcua's "encrypted" capture signs only: its service bodies are readable (tshark decodes them too).
    let signed = try observations("opcua/icsnpp-opcua__python_opcua-client-server_encrypted.pcap")
    let session = try #require(signed.first { $0.security.policy?.hasSuffix("#Basic256Sha256") == true })
    #expect(session.security.mode == "Sign")
    #expect(session.security.userIdentity == "anonymous")
    #expect(session.operation(named: "BrowseRequest") != nil)
  }

  /// The per-message bit test agrees with the names the report prints: a type id is readable exactly when it names
  /// a tabled request or response, or a connection message.
  @Test func opcuaKnownTypeIDsMatchTheirNames() {
    let codes =
      Array(0..<13_000).map(UInt32.init) + [0x48454C, 0x4D5347, 0x41_41_41, 0x5A_5A_5A, 0x40_41_41, 0x1_000_000]
    for code in codes {
      let named = !OPCUAService.describe(code).name.hasPrefix("unknown-")
      #expect(OPCUAService.isKnown(code) == (named || OPCUAService.requestCode(forResponse: code) != nil))
    }
  }

  @Test func s7IdentityFromSZL() throws {
    let observation = try #require(try observations("s7comm/icsnpp-s7comm__s7ident.pcap").first)
    let identity = try #require(observation.identities.first { $0.source == "s7-szl-0x1c" })
    #expect(identity.product == "SNAP7-SERVER")
    #expect(identity.model == "CPU 315-2 PN/DP")
    #expect(identity.serial == "S C-C2UR28922012")
    #expect(observation.operationClasses.contains(.program))  // Start Upload
  }

  @Test func s7DownloadIsProgram() throws {
    let all = try observations("s7comm/iti__s7comm_downloading_block_db1.pcap")
    #expect(all.contains { $0.operation(named: "Download Block") != nil && $0.operationClasses.contains(.program) })
  }

  @Test func dnp3SecureAuthenticationAndControl() throws {
    let auth = try #require(try observations("dnp3/iti__auth_control_challenge_response.pcap").first)
    #expect(auth.security.authenticated == .yes)
    #expect(auth.operationClasses.contains(.control))
    let plain = try #require(try observations("dnp3/zeek__dnp3_write.pcap").first)
    #expect(plain.security.authenticated == .no)
    #expect(plain.operationClasses.contains(.write))
  }

  @Test func dnp3OverUDP() throws {
    let observation = try #require(try observations("dnp3/zeek__dnp3_udp_read.pcap").first)
    #expect(observation.operation(named: "READ")?.requests == 1)
  }

  @Test func cipServicesNestedInMultipleServicePacket() throws {
    let observation = try #require(try observations("enip-cip/icsnpp-enip__multiple_service_packet_cip.pcapng").first)
    #expect(observation.protocolID == .enip)
    #expect(observation.operation(named: "Multiple Service Packet")?.requests == 1)
    #expect((observation.operation(named: "Get Attribute List")?.requests ?? 0) > 1)
  }

  @Test func registryPicksByContentNotPort() {
    // A Modbus request on port 4840 is still Modbus; an OPC UA Hello on port 502 is still OPC UA.
    let modbus: [UInt8] = [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1]
    #expect(
      DissectorRegistry.select(firstPayload: modbus, transport: .tcp, responderPort: 4840) == ModbusDissector.self)
    let hello = Array("HELF".utf8) + [32, 0, 0, 0] + Array(repeating: 0, count: 24)
    #expect(DissectorRegistry.select(firstPayload: hello, transport: .tcp, responderPort: 502) == OPCUADissector.self)
    #expect(DissectorRegistry.select(firstPayload: [1, 2, 3], transport: .tcp, responderPort: 502) == nil)
  }
}
