import BulkheadCapture

/// The NetBIOS session messages of one SMB flow (RFC 1002 §4.3.1; MS-SMB2 §2.1 direct TCP: a zero byte and a
/// 24-bit length) and the SMB messages inside them: SMB2 headers with compounded requests (MS-SMB2 §2.2.1,
/// NextCommand), SMB1 headers (MS-CIFS §2.2.3.1) and SMB3 transform headers.
struct SMBParser: FrameParser {
  var direction: FlowDirection = .initiatorToResponder
  var packet = 0
  var violations = ViolationLog()
  var operations = OperationCounter()
  var attributes = AttributeList()

  private var signingRequired = false
  private var signedMessages = false
  private var encryptedMessages = false
  private var encryptionRequired = false
  /// The session's kind once SESSION_SETUP succeeded: nil before, then guest/null/user (§2.2.6 SessionFlags).
  private var session: String?
  /// SMB2 messages in cleartext after the session was set up (not NEGOTIATE/SESSION_SETUP, not in a transform).
  private var cleartextAfterSession = false

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    // RFC 1002 §4.3.1: type, flags (bit 0 extends the length), 16-bit length; direct TCP uses the 24 bits whole.
    guard let type = header.u8(0), let high = header.u8(1), let low = header.u16be(2) else { return .invalid("") }
    switch type {
    case 0x00: return .length(4 + (Int(high) << 16 | Int(low)))
    case 0x81, 0x82, 0x83, 0x84, 0x85: return .length(4 + (Int(high & 1) << 16 | Int(low)))
    default: return .invalid("not a NetBIOS session message (type 0x\(String(type, radix: 16)))")
    }
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard frame.u8(0) == 0 else { return }  // Session request/response/keep-alive carry no SMB.
    let message = frame.suffix(from: 4)
    guard message.count >= 4, message.u8(1) == UInt8(ascii: "S"), message.u8(2) == UInt8(ascii: "M"),
      message.u8(3) == UInt8(ascii: "B")
    else {
      if !message.isEmpty {
        violations.record(
          "smb.protocol-id", "a session message without an SMB protocol id", packet: packet, direction: direction)
      }
      return
    }
    switch message.u8(0) {
    case 0xFE: smb2(message)
    case 0xFF:
      // SMB1 header: command at offset 4, Flags at 9 (0x80 = reply) (MS-CIFS §2.2.3.1).
      guard let command = message.u8(4), message.count >= 32 else {
        return malformed("an SMB1 header shorter than 32 bytes")
      }
      let reply = (message.u8(9) ?? 0) & 0x80 != 0
      operations.count(SMBCommand.smb1Base | UInt32(command), reply ? .response : .request)
      if !reply, command == 0x72 { attributes.add("dialect", "SMB1-negotiate") }
    case 0xFD:
      // TRANSFORM_HEADER (§2.2.41): the message inside is encrypted.
      guard message.count >= 52 else { return malformed("a transform header shorter than 52 bytes") }
      operations.count(SMBCommand.transform, direction == .initiatorToResponder ? .request : .response)
      encryptedMessages = true
      attributes.add("encryption", "transform")
    case 0xFC:
      operations.count(SMBCommand.compressed, direction == .initiatorToResponder ? .request : .response)
    default:
      malformed("an unknown SMB protocol id")
    }
  }

  mutating func framingLost(_ why: String) {
    violations.record("smb.session", why, packet: packet, direction: direction)
  }

  private mutating func malformed(_ why: String) {
    violations.record("smb.header", why, packet: packet, direction: direction)
  }

  /// SMB2 headers (§2.2.1): StructureSize 64, Status at 8, Command at 12, Flags at 16, NextCommand at 20; a
  /// compound's next header starts NextCommand bytes after this one (§3.2.4.1.4).
  private mutating func smb2(_ message: UnsafeRawBufferPointer) {
    var offset = 0
    var seen = 0
    while true {
      guard message.u16le(offset + 4) == 64, let status = message.u32le(offset + 8),
        let command = message.u16le(offset + 12), let flags = message.u32le(offset + 16),
        let next = message.u32le(offset + 20), message.u32le(offset) == 0x424D_53FE
      else { return malformed("an SMB2 header that does not parse") }
      let response = flags & 0x1 != 0
      let end = next == 0 ? message.count : offset + Int(next)
      guard end > offset + 64, end <= message.count, let body = message.slice(offset + 64, end - offset - 64)
      else { return malformed("an SMB2 NextCommand outside the message") }
      // NTSTATUS severity 3 is an error (MS-ERREF §2.3); STATUS_MORE_PROCESSING_REQUIRED continues SESSION_SETUP.
      let failed = response && status & 0xC000_0000 == 0xC000_0000 && status != 0xC000_0016
      operations.count(UInt32(command), failed ? .exception : response ? .response : .request)
      if flags & 0x8 != 0 { signedMessages = true }
      if session != nil, command > 1 { cleartextAfterSession = true }
      if response && !failed {
        self.response(command, body, status: status)
      } else if !response {
        request(command, body)
      }
      seen += 1
      guard next != 0, seen < 64 else { return }
      offset = end
    }
  }

  private mutating func request(_ command: UInt16, _ body: UnsafeRawBufferPointer) {
    switch command {
    case 0:
      // NEGOTIATE request (§2.2.3): SecurityMode at 4 (SIGNING_REQUIRED 0x02).
      if let mode = body.u16le(4), mode & 0x2 != 0 {
        signingRequired = true
        attributes.add("signing", "required")
      }
    case 3:
      // TREE_CONNECT request (§2.2.9): PathOffset (from the header) at 4, PathLength at 6, UTF-16LE.
      if let pathOffset = body.u16le(4), let length = body.u16le(6), pathOffset >= 64,
        let path = body.slice(Int(pathOffset) - 64, Int(length))
      {
        attributes.add("share", Self.utf16(path))
      }
    default: break
    }
  }

  private mutating func response(_ command: UInt16, _ body: UnsafeRawBufferPointer, status: UInt32) {
    switch command {
    case 0:
      // NEGOTIATE response (§2.2.4): SecurityMode at 2, DialectRevision at 4, Capabilities at 24
      // (SMB2_GLOBAL_CAP_ENCRYPTION 0x40).
      guard let mode = body.u16le(2), let dialect = body.u16le(4) else { return }
      attributes.add("dialect", SMBCommand.dialectName(dialect))
      if mode & 0x2 != 0 {
        signingRequired = true
        attributes.add("signing", "required")
      }
      if let capabilities = body.u32le(24), capabilities & 0x40 != 0 { attributes.add("capability", "encryption") }
    case 1:
      // SESSION_SETUP response (§2.2.6): SessionFlags at 2: IS_GUEST 0x1, IS_NULL 0x2, ENCRYPT_DATA 0x4.
      guard status == 0, let sessionFlags = body.u16le(2) else { return }
      session = sessionFlags & 0x2 != 0 ? "null" : sessionFlags & 0x1 != 0 ? "guest" : "user"
      if sessionFlags & 0x4 != 0 {
        encryptionRequired = true
        attributes.add("encryption", "session")
      }
      attributes.add("session", session ?? "")
    case 3:
      // TREE_CONNECT response (§2.2.10): ShareFlags at 4, SMB2_SHAREFLAG_ENCRYPT_DATA 0x8000.
      if let shareFlags = body.u32le(4), shareFlags & 0x8000 != 0 {
        encryptionRequired = true
        attributes.add("encryption", "share")
      }
    default: break
    }
  }

  /// UTF-16LE text as far as it is ASCII-printable (share paths are), other code units escaped.
  static func utf16(_ bytes: UnsafeRawBufferPointer) -> String {
    var result = ""
    var offset = 0
    while let unit = bytes.u16le(offset), result.utf8.count < AttributeList.valueLimit {
      if unit >= 0x20, unit < 0x7F {
        result.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      } else {
        result += "\\u" + String(unit, radix: 16)
      }
      offset += 2
    }
    return result
  }

  /// What the flow showed of its protection: encryption transforms (or a server demanding them) encrypt;
  /// signing required or signed messages sign (MS-SMB2 §3.2.4.1.1); a guest or anonymous session is not an
  /// authenticated user (§3.3.5.5.3).
  var securityProperties: SecurityProperties {
    var security = SecurityProperties()
    if let session { security.authenticated = session == "user" ? .yes : .no }
    if encryptedMessages || encryptionRequired {
      security.encrypted = .yes
    } else if cleartextAfterSession {
      security.encrypted = .no
    }
    let signs = signingRequired || signedMessages
    if security.encrypted == .yes {
      security.mode = "sign-and-encrypt"
    } else if session != nil || cleartextAfterSession {
      security.mode = signs ? "sign" : "none"
    }
    if let dialect = attributes.first("dialect") { security.policy = "SMB " + dialect }
    return security
  }
}
