import BulkheadCapture
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadDissect

/// A content signature is a hint, not evidence: RDP opens with the same TPKT/COTP connection request as S7comm
/// (ISO 8073 §13.3), so the ISO transport layer names the flow after what the connection carries.
@Suite struct SignatureEvidenceTests {
  @Test func rdpNegotiationIsRDPNotS7comm() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let capture = root.appendingPathComponent("Examples/riverside-water/captures/enterprise.pcap").path
    let consumer = DissectorConsumer()
    let report = CaptureSession.run(files: [capture], consumer: consumer)
    let rdp = report.flows.filter { $0.responderPort == 3389 }
    try #require(!rdp.isEmpty, "the recording has corp-ws-17's RDP sessions")
    // Every flow to 3389 that carried a connection is RDP (attempts without payload are named nothing).
    var named = 0
    for flow in rdp {
      guard let observation = consumer.observations[flow.flowID] else { continue }
      named += 1
      #expect(observation.protocolID == .rdp, "RDP flow \(flow.flowID) was named \(observation.protocolID)")
      #expect(flow.annotations["protocol"] == "rdp")
      #expect(observation.security.mode == "credssp")
    }
    #expect(named > 0)
    let modbus = try #require(report.flows.first { $0.responderPort == 502 && $0.packetsFromResponder > 0 })
    #expect(consumer.observations[modbus.flowID]?.protocolID == .modbus)
  }

  /// One MBAP-shaped message is not a Modbus flow (HART-IP and MELSEC messages can fit the header); neither is a flow
  /// whose "PDUs" are mostly violations.
  @Test func weakSignaturesNeedMoreThanOnePDU() {
    let one = ProtocolObservation(
      protocolID: .modbus, pduCount: 1,
      operations: [OperationTally(code: 3, name: "READ_HOLDING_REGISTERS", operationClass: .read, requests: 1)])
    #expect(!one.isEvidence(for: ModbusDissector.signaturePriority))
    #expect(one.isEvidence(for: DNP3Dissector.signaturePriority))
    var two = one
    two.pduCount = 2
    #expect(two.isEvidence(for: ModbusDissector.signaturePriority))
    two.violationCount = 3
    #expect(!two.isEvidence(for: ModbusDissector.signaturePriority))
    #expect(!two.isEvidence(for: DNP3Dissector.signaturePriority))
  }
}

/// Zero-filled payloads (HTTP and TLS bodies, padding, a NetBIOS length in front of an SMB2 header) carry no protocol:
/// no signature may claim them. EtherNet/IP's NOP header can be all zeros, which once made web, TLS and SMB flows
/// look like EtherNet/IP.
@Suite struct ZeroPayloadTests {
  @Test func noSignatureMatchesZeros() {
    for length in [1, 2, 4, 8, 12, 24, 25, 48, 64, 100, 536, 1460, 4096] {
      let zeros = [UInt8](repeating: 0, count: length)
      for transport in [TransportProtocol.tcp, .udp] {
        let selected = DissectorRegistry.select(firstPayload: zeros, transport: transport, responderPort: 0)
        #expect(selected == nil, "\(length) zero bytes over \(transport) matched \(selected.map { "\($0.id)" } ?? "")")
      }
    }
  }

  @Test func smb2OverNetBIOSIsNotEtherNetIP() {
    // NetBIOS session message (RFC 1002 §4.3.6: 0x00, 24-bit length), then an SMB2 READ request header whose flags
    // (the bytes an ENIP header keeps its options in) are zero.
    var smb: [UInt8] = [0x00, 0x00, 0x00, 0x71, 0xFE, 0x53, 0x4D, 0x42, 0x40, 0x00]
    smb += [UInt8](repeating: 0, count: 0x71 + 4 - smb.count)
    // It is SMB's (whose dissector now exists), and on any port, never EtherNet/IP's.
    for port: UInt16 in [445, 44818, 0] {
      #expect(DissectorRegistry.select(firstPayload: smb, transport: .tcp, responderPort: port) == SMBDissector.self)
    }
  }

  @Test func registerSessionStillMatches() {
    // RegisterSession request (Vol 2 §2-4.4): command 0x65, length 4, protocol version 1, options 0.
    var register: [UInt8] = [0x65, 0x00, 0x04, 0x00] + [UInt8](repeating: 0, count: 20)
    register += [0x01, 0x00, 0x00, 0x00]
    #expect(
      DissectorRegistry.select(firstPayload: register, transport: .tcp, responderPort: 12345) == ENIPDissector.self)
  }
}
