import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// SMB: the dialect, signing, session kind and shares tshark reads on the corpus's SMB2 session, SMB1 over NetBIOS
/// in the ICS captures, and the protections the corpus lacks (signing required, encryption transforms) by hand.
@Suite struct SMBTests {
  static let smb2Capture = "smb/zeek__smb2.delete-on-close-perms-delete-existing.pcap"

  @Test func smb2FactsMatchTshark() throws {
    let path = try Corpus.pcap(Self.smb2Capture)
    let text = try Tshark.output([
      "-r", path, "-n", "-Y", "smb2", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
      "-e", "smb2.cmd", "-e", "smb2.flags.response", "-e", "smb2.dialect", "-e", "smb2.sec_mode.sign_required",
      "-e", "smb2.ses_flags.guest", "-e", "smb2.ses_flags.null", "-e", "smb2.tree", "-e", "smb2.flags.signature",
    ])
    var dialects: Set<String> = []
    var signingRequired = false
    var sessions: Set<String> = []
    var shares: Set<String> = []
    var signed = false
    for line in text.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 8 else { continue }
      if f[7].split(separator: ",").contains("1") { signed = true }
      let response = f[1].split(separator: ",").first == "1"
      if f[0] == "0", response, let code = UInt16(f[2].dropFirst(2), radix: 16) {
        dialects.insert(SMBCommand.dialectName(code))
      }
      if f[3].split(separator: ",").contains("1") { signingRequired = true }
      if f[0] == "1", response, !f[4].isEmpty {
        sessions.insert(f[5] == "1" ? "null" : f[4] == "1" ? "guest" : "user")
      }
      if f[0] == "3", !response, !f[6].isEmpty { shares.insert(f[6]) }
    }
    let observation = try #require(CaptureFlows.observations(path).values.first { $0.protocolID == .smb })
    #expect(Set(observation.attribute("dialect")) == dialects)
    #expect(dialects == ["3.1.1"])
    #expect(observation.attribute("signing") == (signingRequired ? ["required"] : []))
    #expect(Set(observation.attribute("session")) == sessions)
    #expect(Set(observation.attribute("share")) == shares)
    // A user session in cleartext whose messages are signed (though signing is not required): mode sign.
    #expect(signed && !signingRequired)
    #expect(observation.security.authenticated == .yes)
    #expect(observation.security.encrypted == .no)
    #expect(observation.security.mode == "sign")
    #expect(observation.security.policy == "SMB 3.1.1")
    #expect(observation.violationCount == 0)
  }

  @Test func smb1OverNetBIOSIsNamedSMB() throws {
    let observations = CaptureFlows.observations(try Corpus.pcap("modbus/iti__mb2.pcap"))
    let smb = observations.values.filter { $0.protocolID == .smb }
    try #require(!smb.isEmpty)
    for observation in smb {
      #expect(observation.violationCount == 0)
      #expect(observation.operations.allSatisfy { $0.code >= SMBCommand.smb1Base })
    }
  }

  // MARK: Hand-made messages

  static func session(_ message: [UInt8]) -> [UInt8] {
    [0, UInt8(message.count >> 16 & 0xFF), UInt8(message.count >> 8 & 0xFF), UInt8(message.count & 0xFF)] + message
  }

  /// An SMB2 header (MS-SMB2 §2.2.1) and body.
  static func smb2(_ command: UInt16, response: Bool, status: UInt32 = 0, flags: UInt32 = 0, body: [UInt8])
    -> [UInt8]
  {
    var header: [UInt8] = [0xFE, 0x53, 0x4D, 0x42, 64, 0, 0, 0]
    header += withUnsafeBytes(of: status.littleEndian, Array.init)
    header += withUnsafeBytes(of: command.littleEndian, Array.init) + [1, 0]
    header += withUnsafeBytes(of: (flags | (response ? 1 : 0)).littleEndian, Array.init)
    header += [UInt8](repeating: 0, count: 64 - header.count)
    return session(header + body)
  }

  static func observe(_ messages: [([UInt8], FlowDirection)]) -> ProtocolObservation {
    var dissector = SMBDissector(transport: .tcp)
    for (index, (bytes, direction)) in messages.enumerated() {
      dissector.consume(bytes, direction: direction, packet: index + 1)
    }
    return dissector.finalObservation()
  }

  static func negotiateResponse(dialect: UInt16, securityMode: UInt16, capabilities: UInt32) -> [UInt8] {
    var body: [UInt8] = [65, 0] + withUnsafeBytes(of: securityMode.littleEndian, Array.init)
    body += withUnsafeBytes(of: dialect.littleEndian, Array.init) + [0, 0]
    body += [UInt8](repeating: 0, count: 16)  // ServerGuid
    body += withUnsafeBytes(of: capabilities.littleEndian, Array.init)
    body += [UInt8](repeating: 0, count: 36)
    return smb2(0, response: true, body: body)
  }

  @Test func signingRequiredAndEncryptedSessions() {
    let request = Self.smb2(0, response: false, body: [36, 0, 1, 0, 1, 0] + [UInt8](repeating: 0, count: 34))
    let observation = Self.observe([
      (request, .initiatorToResponder),
      (Self.negotiateResponse(dialect: 0x0311, securityMode: 0x3, capabilities: 0x40), .responderToInitiator),
      // SESSION_SETUP response with SMB2_SESSION_FLAG_ENCRYPT_DATA (§2.2.6).
      (Self.smb2(1, response: true, body: [9, 0, 4, 0, 0, 0, 0, 0, 0]), .responderToInitiator),
      // A TRANSFORM_HEADER (§2.2.41) after it.
      (Self.session([0xFD, 0x53, 0x4D, 0x42] + [UInt8](repeating: 0, count: 60)), .initiatorToResponder),
    ])
    #expect(observation.attribute("dialect") == ["3.1.1"])
    #expect(observation.attribute("signing") == ["required"])
    #expect(Set(observation.attribute("encryption")) == ["session", "transform"])
    #expect(observation.security.encrypted == .yes)
    #expect(observation.security.mode == "sign-and-encrypt")
    #expect(observation.security.authenticated == .yes)
    #expect(observation.operation(named: "TRANSFORM")?.total == 1)
    #expect(observation.violationCount == 0)
  }

  @Test func guestSessionIsNotAuthenticated() {
    let observation = Self.observe([
      (Self.negotiateResponse(dialect: 0x0210, securityMode: 0x1, capabilities: 0), .responderToInitiator),
      (Self.smb2(1, response: true, body: [9, 0, 1, 0, 0, 0, 0, 0, 0]), .responderToInitiator),
      (Self.smb2(8, response: false, body: [49, 0] + [UInt8](repeating: 0, count: 47)), .initiatorToResponder),
    ])
    #expect(observation.attribute("session") == ["guest"])
    #expect(observation.security.authenticated == .no)
    #expect(observation.security.encrypted == .no)
    #expect(observation.security.mode == "none")
  }

  @Test func failedResponsesAreExceptions() {
    // STATUS_ACCESS_DENIED on a CREATE.
    let observation = Self.observe([
      (Self.smb2(5, response: true, status: 0xC000_0022, body: [9, 0, 0, 0, 0, 0, 0, 0, 0]), .responderToInitiator)
    ])
    #expect(observation.operation(named: "CREATE")?.exceptions == 1)
  }

  @Test func foreignSessionPayloadIsAViolation() {
    let observation = Self.observe([
      (Self.negotiateResponse(dialect: 0x0300, securityMode: 0, capabilities: 0), .responderToInitiator),
      (Self.session(Array("GET / HTTP/1.1\r\n".utf8)), .responderToInitiator),
    ])
    #expect(observation.violations.map(\.code) == ["smb.protocol-id"])
  }
}
