import BulkheadCapture

/// Parses OPC UA binary (UA TCP) messages for one flow, both directions (OPC 10000-6 §6.7 and §7.1).
struct OPCUAParser: FrameParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var securityPolicy: String?
  var securityMode: UInt32?
  var userTokenType: UInt32?
  /// MSG chunks whose body was readable as a known service vs. not (an encrypted channel is unreadable).
  var readableMessages = 0
  var unreadableMessages = 0
  /// Whether the previous chunk in each direction was an intermediate `C` chunk, so the next one has no type id.
  var continuingRequest = false
  var continuingResponse = false

  /// After a gap the next chunk there starts a new message (or is lost framing).
  mutating func gap(direction: FlowDirection) {
    switch direction {
    case .initiatorToResponder: continuingRequest = false
    case .responderToInitiator: continuingResponse = false
    }
  }

  static let none = "http://opcfoundation.org/UA/SecurityPolicy#None"

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard let size = header.u32le(4), let chunk = header.u8(3) else { return .invalid("short UA TCP header") }
    guard Self.messageType(header) != nil else {
      return .invalid("UA TCP message type \(header.text(0, 3) ?? "?") unknown")
    }
    guard chunk == 0x46 || chunk == 0x43 || chunk == 0x41 else {
      return .invalid("UA TCP chunk type 0x\(String(chunk, radix: 16)) not F, C or A")
    }
    return .length(Int(size))
  }

  /// §7.1.2.2: HEL, ACK, ERR, RHE, OPN, MSG, CLO, packed big-endian.
  static func messageType(_ header: UnsafeRawBufferPointer) -> UInt32? {
    guard let a = header.u8(0), let b = header.u8(1), let c = header.u8(2) else { return nil }
    let code = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
    switch code {
    case 0x48454C, 0x41434B, 0x455252, 0x524845, 0x4F504E, 0x4D5347, 0x434C4F: return code
    default: return nil
    }
  }

  mutating func framingLost(_ why: String) {
    violations.record("opcua.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let type = Self.messageType(frame), let chunk = frame.u8(3) else { return }
    switch type {
    case 0x4F504E:  // OPN
      openSecureChannel(frame)
    case 0x4D5347, 0x434C4F:  // MSG, CLO
      message(frame, chunk: chunk)
    default:  // HEL, ACK, ERR, RHE carry no service.
      // ERR (§7.1.2.5) is the server closing the connection with a status code: an exception, not a response.
      let kind: OperationCounter.Kind =
        type == 0x455252 ? .exception : direction == .initiatorToResponder ? .request : .response
      operations.count(type, kind)
    }
  }

  /// §6.7.2 asymmetric security header: SecureChannelId, SecurityPolicyUri, SenderCertificate, receiver thumbprint.
  private mutating func openSecureChannel(_ frame: UnsafeRawBufferPointer) {
    var reader = UABinaryReader(frame, offset: 12)
    guard let policy = reader.string(), reader.skipString(), reader.skipString(), reader.skip(8) else {
      violations.record(
        "opcua.opn", "truncated OpenSecureChannel security header", packet: packet, direction: direction)
      return
    }
    if let policy, direction == .initiatorToResponder || securityPolicy == nil { securityPolicy = policy }
    guard policy == Self.none || policy == nil else {
      // The body is encrypted with the peer's public key (§6.7.2); only the policy is visible.
      operations.count(OPCUAService.openSecureChannelRequest, direction == .initiatorToResponder ? .request : .response)
      return
    }
    guard let typeID = reader.nodeID() else {
      violations.record("opcua.opn", "OpenSecureChannel without a type id", packet: packet, direction: direction)
      return
    }
    service(typeID)
    // OPC 10000-4 §5.5.2.2: RequestHeader, ClientProtocolVersion, RequestType, SecurityMode.
    if typeID == OPCUAService.openSecureChannelRequest, reader.skipRequestHeader(), reader.skip(8),
      let mode = reader.u32()
    {
      securityMode = mode
    }
  }

  /// §6.7.2.3 symmetric header (SecureChannelId, TokenId), §6.7.2.4 sequence header, then the service body.
  private mutating func message(_ frame: UnsafeRawBufferPointer, chunk: UInt8) {
    let continuing = direction == .initiatorToResponder ? continuingRequest : continuingResponse
    let nextContinuing = chunk == 0x43
    if direction == .initiatorToResponder {
      continuingRequest = nextContinuing
    } else {
      continuingResponse = nextContinuing
    }
    if continuing { return }  // Only the first chunk of a message carries the type id (§6.7.2.1).
    var reader = UABinaryReader(frame, offset: 8 + 8 + 8)
    guard let typeID = reader.nodeID(), OPCUAService.isKnown(typeID) else {
      unreadableMessages += 1
      return
    }
    readableMessages += 1
    service(typeID)
    if typeID == OPCUAService.activateSessionRequest { activateSession(&reader) }
  }

  private mutating func service(_ typeID: UInt32) {
    switch OPCUAService.role(of: typeID) {
    case .fault?: operations.count(typeID, .exception)
    case .response(let request)?: operations.count(request, .response)
    case .request?, nil: operations.count(typeID, .request)
    }
  }

  /// OPC 10000-4 §5.6.3.2 ActivateSessionRequest: ClientSignature, ClientSoftwareCertificates, LocaleIds,
  /// UserIdentityToken (an ExtensionObject whose type id names the token kind).
  private mutating func activateSession(_ reader: inout UABinaryReader) {
    guard reader.skipRequestHeader(), reader.skipString(), reader.skipString(), let certificates = reader.u32()
    else { return }
    let certificateCount = Int32(bitPattern: certificates)
    if certificateCount > 0 {
      for _ in 0..<certificateCount {
        guard reader.skipString(), reader.skipString() else { return }
      }
    }
    guard let locales = reader.u32() else { return }
    let localeCount = Int32(bitPattern: locales)
    if localeCount > 0 {
      for _ in 0..<localeCount {
        guard reader.skipString() else { return }
      }
    }
    guard let token = reader.extensionObject() else { return }
    // A later non-anonymous activation wins: it is the stronger statement about the session.
    if userTokenType == nil || userTokenType == OPCUAService.anonymousIdentityToken {
      userTokenType = token.typeID
    }
  }

  var security: SecurityProperties {
    var result = SecurityProperties(policy: securityPolicy)
    let policyIsNone = securityPolicy == Self.none
    switch securityMode {
    case 1: result.mode = "None"
    case 2: result.mode = "Sign"
    case 3: result.mode = "SignAndEncrypt"
    case let mode?: result.mode = "unknown-\(mode)"
    case nil:
      // A secured OPN hides the mode; readable MSG bodies mean Sign, unreadable ones SignAndEncrypt.
      if securityPolicy != nil, !policyIsNone {
        if readableMessages > 0 {
          result.mode = "Sign"
        } else if unreadableMessages > 0 {
          result.mode = "SignAndEncrypt"
        }
      }
    }
    switch result.mode {
    case "None", "Sign": result.encrypted = .no
    case "SignAndEncrypt": result.encrypted = .yes
    default: break
    }
    switch userTokenType {
    case OPCUAService.anonymousIdentityToken?: result.userIdentity = "anonymous"
    case OPCUAService.userNameIdentityToken?: result.userIdentity = "username"
    case OPCUAService.x509IdentityToken?: result.userIdentity = "certificate"
    case OPCUAService.issuedIdentityToken?: result.userIdentity = "issued-token"
    case let other?: result.userIdentity = "unknown-\(other)"
    case nil: break
    }
    if let identity = result.userIdentity, identity != "anonymous" {
      result.authenticated = .yes
    } else if securityPolicy != nil, !policyIsNone {
      // Application instance certificates authenticate both ends of a secured channel (OPC 10000-2 §5.4.3).
      result.authenticated = .yes
    } else if result.userIdentity == "anonymous" {
      result.authenticated = .no
    }
    return result
  }
}
