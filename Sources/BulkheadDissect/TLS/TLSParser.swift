import BulkheadCapture

/// The records of one TLS flow (RFC 8446 §5.1, RFC 5246 §6.2.1) and the handshake messages inside them while they
/// are in cleartext (§4; handshake messages may span records, §5.1, and are reassembled per direction).
struct TLSParser: FrameParser {
  var direction: FlowDirection = .initiatorToResponder
  var packet = 0
  var violations = ViolationLog()
  var operations = OperationCounter()
  var attributes = AttributeList()
  var security = SecurityProperties()

  /// Whether each direction has started encrypting (after its ChangeCipherSpec, or its first application data
  /// record in TLS 1.3): its records are no longer read.
  private var encrypting = (requests: false, responses: false)
  /// A handshake message split across records, per direction.
  private var pendingHandshake: ([UInt8], [UInt8]) = ([], [])
  /// The largest handshake message reassembled (a certificate chain of a few certificates fits easily).
  static let handshakeLimit = 65_536
  private var clientCertificate = false
  private var anonymous = false

  private var isRequest: Bool { direction == .initiatorToResponder }

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    if isRequest ? encrypting.requests : encrypting.responses { return .handedOver }
    // RFC 8446 §5.1 ContentType: change_cipher_spec 20, alert 21, handshake 22, application_data 23; RFC 6520
    // heartbeat 24. The legacy record version's major byte is 3 from SSL 3.0 on.
    guard let type = header.u8(0), (20...24).contains(type), header.u8(1) == 3, let length = header.u16be(3) else {
      return .invalid("not a TLS record header (content type \(header.u8(0) ?? 0), version \(header.u8(1) ?? 0))")
    }
    return .length(5 + Int(length))
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    let body = frame.suffix(from: 5)
    guard let type = frame.u8(0) else { return }
    switch type {
    case 22: handshake(body)
    case 20:
      operations.count(TLSMessage.changeCipherSpec, isRequest ? .request : .response)
      startEncrypting()
    case 21:
      // An alert in cleartext: level and description (RFC 8446 §6).
      operations.count(TLSMessage.alert, .exception)
      if let description = body.u8(1) { attributes.add("alert", String(description)) }
    case 23:
      // Application data: encryption has started in this direction (TLS 1.3 without a compatibility
      // ChangeCipherSpec goes straight here after the ServerHello).
      startEncrypting()
    default:
      operations.count(TLSMessage.heartbeat, isRequest ? .request : .response)
    }
  }

  mutating func framingLost(_ why: String) {
    violations.record("tls.record", why, packet: packet, direction: direction)
  }

  mutating func gap(direction: FlowDirection) {
    if direction == .initiatorToResponder { pendingHandshake.0.removeAll() } else { pendingHandshake.1.removeAll() }
  }

  private mutating func startEncrypting() {
    if isRequest { encrypting.requests = true } else { encrypting.responses = true }
  }

  /// Handshake messages: type (1), 24-bit length, body (RFC 8446 §4).
  private mutating func handshake(_ body: UnsafeRawBufferPointer) {
    var pending = isRequest ? pendingHandshake.0 : pendingHandshake.1
    if isRequest { pendingHandshake.0 = [] } else { pendingHandshake.1 = [] }
    if pending.isEmpty {
      let used = messages(body)
      if used < body.count { pending.append(contentsOf: body.suffix(from: used)) }
    } else {
      pending.append(contentsOf: body)
      let used = pending.withUnsafeBytes { messages($0) }
      pending.removeFirst(used)
    }
    if pending.count > Self.handshakeLimit {
      violations.record(
        "tls.handshake-length", "a handshake message longer than \(Self.handshakeLimit) bytes", packet: packet,
        direction: direction)
      pending = []
    }
    if isRequest { pendingHandshake.0 = pending } else { pendingHandshake.1 = pending }
  }

  /// Parses the complete messages at the front of `bytes`; returns how many bytes they took.
  private mutating func messages(_ bytes: UnsafeRawBufferPointer) -> Int {
    var offset = 0
    while let type = bytes.u8(offset), let high = bytes.u8(offset + 1), let low = bytes.u16be(offset + 2) {
      let length = Int(high) << 16 | Int(low)
      guard let message = bytes.slice(offset + 4, length) else {
        return length > Self.handshakeLimit ? bytes.count : offset
      }
      operations.count(UInt32(type), isRequest ? .request : .response)
      switch type {
      case 1: clientHello(message)
      case 2: serverHello(message)
      case 11: certificate(message)
      default: break
      }
      offset += 4 + length
    }
    return offset
  }

  /// ClientHello (RFC 8446 §4.1.2): the server names (RFC 6066 §3) and application protocols offered (RFC 7301 §3.1).
  private mutating func clientHello(_ message: UnsafeRawBufferPointer) {
    guard let extensions = Self.extensions(message, server: false) else {
      violations.record("tls.client-hello", "a ClientHello that does not parse", packet: packet, direction: direction)
      return
    }
    Self.forEachExtension(extensions) { type, data in
      switch type {
      case 0:
        // ServerNameList: length, then entries of name type (0 = host_name), 16-bit length, name.
        var offset = 2
        while let nameType = data.u8(offset), let length = data.u16be(offset + 1),
          let name = data.slice(offset + 3, Int(length))
        {
          if nameType == 0 { attributes.add("sni", bytes: name) }
          offset += 3 + Int(length)
        }
      case 16: alpn(data, name: "alpn-offered")
      default: break
      }
    }
  }

  /// ServerHello (RFC 8446 §4.1.3): the version (from supported_versions, §4.2.1, when present), cipher suite, and
  /// the application protocol chosen (RFC 7301 §3.1).
  private mutating func serverHello(_ message: UnsafeRawBufferPointer) {
    guard let legacyVersion = message.u16be(0), let sessionIDLength = message.u8(34),
      let cipher = message.u16be(35 + Int(sessionIDLength)), let extensions = Self.extensions(message, server: true)
    else {
      violations.record("tls.server-hello", "a ServerHello that does not parse", packet: packet, direction: direction)
      return
    }
    var version = legacyVersion
    Self.forEachExtension(extensions) { type, data in
      switch type {
      case 43: if let selected = data.u16be(0), data.count == 2 { version = selected }
      case 16: alpn(data, name: "alpn")
      default: break
      }
    }
    // A HelloRetryRequest is a ServerHello with this random (§4.1.3); the client's next ClientHello is cleartext.
    if let random = message.slice(2, 32), random.elementsEqual(Self.helloRetryRandom) { return }
    let versionName = TLSMessage.versionName(version)
    let cipherName = TLSCipherSuite.name(cipher)
    attributes.add("version", versionName)
    attributes.add("cipher", cipherName)
    security.mode = versionName
    security.policy = cipherName
    // A NULL bulk cipher authenticates records but does not encrypt them (RFC 5246 §6.2.3.1, Appendix A.5).
    security.encrypted = TLSCipherSuite.isNull(cipher) ? .no : .yes
    anonymous = TLSCipherSuite.isAnonymous(cipher)
    attributes.add("peer-authentication", anonymous ? "none" : clientCertificate ? "server,client" : "server")
  }

  /// Certificate (RFC 5246 §7.4.2, §7.4.6): the server's first certificate names it; a client's non-empty list
  /// authenticates the client.
  private mutating func certificate(_ message: UnsafeRawBufferPointer) {
    guard let high = message.u8(0), let low = message.u16be(1), let list = message.slice(3, Int(high) << 16 | Int(low))
    else { return }
    guard let firstHigh = list.u8(0), let firstLow = list.u16be(1),
      let first = list.slice(3, Int(firstHigh) << 16 | Int(firstLow))
    else { return }
    guard let names = TLSCertificate.names(first) else {
      violations.record("tls.certificate", "a certificate that does not parse", packet: packet, direction: direction)
      return
    }
    if isRequest {
      clientCertificate = true
      security.authenticated = .yes
      attributes.add("client-subject", names.subject)
      if !anonymous, security.encrypted != .unknown { attributes.add("peer-authentication", "server,client") }
    } else {
      attributes.add("subject", names.subject)
      attributes.add("issuer", names.issuer)
    }
  }

  /// ProtocolNameList (RFC 7301 §3.1): 16-bit length, then 8-bit length-prefixed names.
  private mutating func alpn(_ data: UnsafeRawBufferPointer, name: String) {
    var offset = 2
    while let length = data.u8(offset), let protocolName = data.slice(offset + 1, Int(length)) {
      attributes.add(name, bytes: protocolName)
      offset += 1 + Int(length)
    }
  }

  /// The extensions block of a hello (RFC 8446 §4.1.2-3), empty when the hello has none (TLS 1.0 allows that).
  private static func extensions(_ message: UnsafeRawBufferPointer, server: Bool) -> UnsafeRawBufferPointer? {
    // version (2), random (32), legacy_session_id (8-bit length).
    guard let sessionID = message.u8(34) else { return nil }
    var offset = 35 + Int(sessionID)
    if server {
      offset += 3  // cipher_suite, legacy_compression_method
    } else {
      guard let suites = message.u16be(offset) else { return nil }
      offset += 2 + Int(suites)
      guard let methods = message.u8(offset) else { return nil }
      offset += 1 + Int(methods)
    }
    if offset == message.count { return message.suffix(from: message.count) }
    guard let length = message.u16be(offset), offset + 2 + Int(length) <= message.count else { return nil }
    return message.slice(offset + 2, Int(length))
  }

  /// Calls `body` with each extension's type and data (RFC 8446 §4.2).
  private static func forEachExtension(
    _ extensions: UnsafeRawBufferPointer, _ body: (UInt16, UnsafeRawBufferPointer) -> Void
  ) {
    var offset = 0
    while let type = extensions.u16be(offset), let length = extensions.u16be(offset + 2),
      let data = extensions.slice(offset + 4, Int(length))
    {
      body(type, data)
      offset += 4 + Int(length)
    }
  }

  /// SHA-256 of "HelloRetryRequest" (RFC 8446 §4.1.3).
  private static let helloRetryRandom: [UInt8] = [
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
  ]
}
