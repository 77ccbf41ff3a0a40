import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// One ISO transport layer (RFC 1006 + ISO 8073) for everything on it: the flow is named after what the COTP data
/// carries, and data none of its payload parsers recognise leaves it `cotp`, never "s7comm with violations".
@Suite struct ISOTransportTests {
  static func tpkt(_ cotp: [UInt8]) -> [UInt8] {
    let length = 4 + cotp.count
    return [0x03, 0x00, UInt8(length >> 8), UInt8(length & 0xFF)] + cotp
  }

  /// A CR with the S7-style TSAP parameters (ISO 8073 §13.3.4), as both S7comm and MMS clients send.
  static let connectionRequest = tpkt([
    0x11, 0xE0, 0x00, 0x00, 0x00, 0x01, 0x00, 0xC0, 0x01, 0x0A, 0xC1, 0x02, 0x01, 0x00, 0xC2, 0x02, 0x01, 0x02,
  ])
  static let connectionConfirm = tpkt([
    0x11, 0xD0, 0x00, 0x01, 0x00, 0x02, 0x00, 0xC0, 0x01, 0x0A, 0xC1, 0x02, 0x01, 0x00, 0xC2, 0x02, 0x01, 0x02,
  ])

  static func data(_ payload: [UInt8]) -> [UInt8] { tpkt([0x02, 0xF0, 0x80] + payload) }

  static func observe(_ messages: [([UInt8], FlowDirection)]) -> ProtocolObservation {
    var dissector = ISOTransportDissector(transport: .tcp)
    for (index, (bytes, direction)) in messages.enumerated() {
      dissector.consume(bytes, direction: direction, packet: index + 1)
    }
    return dissector.finalObservation()
  }

  @Test func unrecognisedDataLeavesTheFlowUnnamed() {
    // BER (0x7F 0x65, an MCS Connect-Initial) and an arbitrary 0xA8 byte where no S7comm or session SPDU starts.
    let observation = Self.observe([
      (Self.connectionRequest, .initiatorToResponder), (Self.connectionConfirm, .responderToInitiator),
      (Self.data([0x7F, 0x65, 0x82, 0x01, 0x00]), .initiatorToResponder),
      (Self.data([0xA8, 0x26, 0x80, 0x03]), .responderToInitiator),
    ])
    #expect(observation.protocolID == .cotp)
    #expect(observation.violationCount == 0)
    #expect(observation.operations.map(\.name) == ["CC", "CR", "DT"])
    #expect(observation.operation(named: "DT")?.total == 2)
  }

  @Test func s7commIsNamedByItsProtocolID() {
    // S7comm Job "setup communication" (function 0xF0), 10-byte header, 8 bytes of parameters.
    let setup: [UInt8] = [
      0x32, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0xF0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xE0,
    ]
    let observation = Self.observe([
      (Self.connectionRequest, .initiatorToResponder), (Self.connectionConfirm, .responderToInitiator),
      (Self.data(setup), .initiatorToResponder),
      // A foreign payload on an S7 connection is an S7comm violation.
      (Self.data([0x7F, 0x65]), .initiatorToResponder),
    ])
    #expect(observation.protocolID == .s7comm)
    #expect(observation.pduCount == 1)
    #expect(observation.violations.map(\.code) == ["s7comm.protocol-id"])
  }

  @Test func rdpNegotiationNamesTheFlowAndItsSecurityProtocol() {
    // MS-RDPBCGR §2.2.1.1: cookie, then RDP_NEG_REQ asking for TLS | CredSSP (3); §2.2.1.2: RDP_NEG_RSP choosing
    // CredSSP (2); then TLS records, which are not TPKT.
    let cookie = Array("Cookie: mstshash=operator\r\n".utf8)
    let request = Self.tpkt(
      [UInt8(6 + cookie.count + 8), 0xE0, 0, 0, 0, 0, 0] + cookie + [0x01, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00])
    let confirm = Self.tpkt([0x0E, 0xD0, 0, 0, 0x12, 0x34, 0, 0x02, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00, 0x00])
    let clientHello: [UInt8] = [0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00]
    let observation = Self.observe([
      (request, .initiatorToResponder), (confirm, .responderToInitiator), (clientHello, .initiatorToResponder),
      ([0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00], .responderToInitiator),
    ])
    #expect(observation.protocolID == .rdp)
    #expect(observation.security.mode == "credssp")
    #expect(observation.security.encrypted == .yes)
    #expect(observation.security.authenticated == .yes)
    #expect(observation.violationCount == 0)
    #expect(observation.skippedBytes == 0)
  }

  /// Every flow of the corpus's IEC 61850 captures on the ISO transport is MMS or unnamed `cotp`, none S7comm.
  @Test func iec61850CapturesAreMMS() throws {
    let directory = try Corpus.root().appendingPathComponent("pcaps/iec61850-mms-goose")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pcap") }
    var mms = 0
    for file in files.sorted() {
      for (key, observation) in CaptureFlows.observations(directory.appendingPathComponent(file).path) {
        // Flows of other transports (SMB1 over NetBIOS in the MMS and GOOSE sample) are other dissectors' business.
        guard ISOTransportDissector.reportedIDs.contains(observation.protocolID) else { continue }
        #expect(
          observation.protocolID == .mms || observation.protocolID == .cotp,
          "\(file) \(key): \(observation.protocolID)")
        if observation.protocolID == .mms { mms += 1 }
      }
    }
    #expect(mms >= 20)
  }

  @Test func mmsAssociationReadsAndIdentity() throws {
    let observations = CaptureFlows.observations(try Corpus.pcap("iec61850-mms-goose/iti__iec61850_read.pcap"))
    let observation = try #require(observations.values.first { $0.protocolID == .mms })
    #expect(observation.operation(named: "initiate")?.requests == 1)
    #expect(observation.operation(named: "read")?.requests == 1)
    #expect(observation.operation(named: "read")?.responses == 1)
    #expect(observation.operation(named: "conclude")?.requests == 1)
    #expect(observation.operationClasses.contains(.read))
    // The server's ACCEPT declares 137 bytes in a 136-byte TSDU (tshark: malformed), so its initiate response is not
    // read; its last PDU is a confirmed response without a service (tshark decodes no service either).
    #expect(observation.violations.map(\.code) == ["mms.session", "mms.pdu"])
    #expect(observation.violations.map(\.packet) == [10, 18])
    #expect(observation.security.encrypted == .no)
  }
}
