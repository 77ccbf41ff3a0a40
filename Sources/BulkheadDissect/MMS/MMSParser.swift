import BulkheadCapture

/// Parses what ISO transport hands over on an MMS connection: ISO 8327-1 session SPDUs, ISO 8823-1 presentation
/// PPDUs, ACSE APDUs (ISO 8650-1) and MMS PDUs (ISO 9506-2), as IEC 61850-8-1 §6 stacks them.
struct MMSParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var identities: [DeviceIdentity] = []
  /// ACSE authentication seen on the association: none, or the mechanism (ISO 8650-1 §7.1.1, AARQ fields 11 and 12).
  var authentication: String?
  var sawAssociation = false
  /// MMS PDUs parsed: session and presentation alone do not make a flow MMS (they carry other ISO applications).
  var mmsPDUs = 0

  /// ISO 8327-1 §8.3 SPDU identifiers.
  enum SPDU {
    static let giveTokensOrData: UInt8 = 1
    static let finish: UInt8 = 9
    static let disconnect: UInt8 = 10
    static let refuse: UInt8 = 12
    static let connect: UInt8 = 13
    static let accept: UInt8 = 14
    static let abort: UInt8 = 25
    static let abortAccept: UInt8 = 26
  }

  /// Whether COTP data is an ISO session SPDU carrying presentation: a CONNECT or ACCEPT whose length is the whole
  /// TSDU, or GIVE TOKENS + DATA TRANSFER (both empty, ISO 8327-1 §8.3.3, §8.3.4) followed by fully encoded
  /// presentation data ([APPLICATION 1], ISO 8823-1 §8.4).
  ///
  /// Some implementations put MMS PDUs straight into COTP data, without session and presentation: an MMS PDU tag
  /// whose BER length is exactly the TSDU's is recognised too.
  static func recognises(_ payload: UnsafeRawBufferPointer) -> Bool {
    if let first = payload.u8(0), isPDUTag(first) {
      return BERElement(payload)?.encodedLength == payload.count
    }
    guard let identifier = payload.u8(0), let (length, header) = spduLength(payload, at: 1) else { return false }
    switch identifier {
    case SPDU.connect, SPDU.accept:
      return header + length == payload.count && length > 0
    case SPDU.giveTokensOrData:
      return length == 0 && payload.u8(2) == SPDU.giveTokensOrData && payload.u8(3) == 0 && payload.u8(4) == 0x61
    default:
      return false
    }
  }

  /// MMSpdu CHOICE tags (ISO 9506-2 §7): [0]...[13], constructed except cancel request/response and conclude
  /// request/response.
  static func isPDUTag(_ tag: UInt8) -> Bool {
    switch tag {
    case 0xA0...0xA4, 0xA7...0xAA, 0xAD, 0x85, 0x86, 0x8B, 0x8C: true
    default: false
    }
  }

  /// An SPDU length (ISO 8327-1 §8.2.5): one octet, or 0xFF and two octets; returns the length and the offset past it.
  static func spduLength(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (Int, Int)? {
    guard let first = bytes.u8(offset) else { return nil }
    if first != 0xFF { return (Int(first), offset + 1) }
    guard let long = bytes.u16be(offset + 1) else { return nil }
    return (Int(long), offset + 3)
  }

  /// One TSDU (the user data of a COTP DT): one or more concatenated SPDUs.
  mutating func pdu(_ payload: UnsafeRawBufferPointer) {
    if let first = payload.u8(0), Self.isPDUTag(first) {
      // MMS without session and presentation (see ``recognises(_:)``).
      guard let element = BERElement(payload) else {
        violation("mms.pdu", "MMS PDU longer than its TSDU")
        return
      }
      mms(element)
      return
    }
    var offset = 0
    while offset < payload.count {
      guard let identifier = payload.u8(offset), let (length, start) = Self.spduLength(payload, at: offset + 1)
      else {
        violation("mms.session", "truncated session SPDU header")
        return
      }
      switch identifier {
      case SPDU.giveTokensOrData where length == 0 && offset == 0 && payload.u8(start) == SPDU.giveTokensOrData:
        // GIVE TOKENS, then DATA TRANSFER: its user information is the rest of the TSDU (§8.3.4).
        guard let (dataLength, dataStart) = Self.spduLength(payload, at: start + 1) else { return }
        presentation(payload.suffix(from: dataStart + dataLength))
        return
      case SPDU.giveTokensOrData:
        presentation(payload.suffix(from: start + length))
        return
      case SPDU.connect, SPDU.accept, SPDU.finish, SPDU.disconnect, SPDU.refuse, SPDU.abort:
        guard let parameters = payload.slice(start, length) else {
          violation("mms.session", "session SPDU \(identifier) length \(length) overruns the TSDU")
          return
        }
        if identifier == SPDU.abort || identifier == SPDU.refuse {
          operations.count(MMSService.sessionAbort, .exception)
        }
        if let userData = Self.userData(parameters) { presentation(userData) }
        offset = start + length
      case SPDU.abortAccept:
        offset = start + length
      default:
        violation("mms.session", "session SPDU identifier \(identifier) unknown")
        return
      }
    }
  }

  /// The User Data (PGI 193) or Extended User Data (PGI 194) parameter of an SPDU (ISO 8327-1 §8.3.1.19).
  private static func userData(_ parameters: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    var offset = 0
    while let code = parameters.u8(offset), let (length, start) = spduLength(parameters, at: offset + 1) {
      if code == 0xC1 || code == 0xC2 { return parameters.slice(start, length) }
      offset = start + length
    }
    return nil
  }

  /// A presentation PPDU: CP-type/CPA-type (a SET with normal-mode parameters, ISO 8823-1 §8.2, §8.3), or fully
  /// encoded user data ([APPLICATION 1], §8.4) in a data transfer.
  private mutating func presentation(_ bytes: UnsafeRawBufferPointer) {
    guard let element = BERElement(bytes) else {
      if !bytes.isEmpty { violation("mms.presentation", "presentation PPDU is not a BER element") }
      return
    }
    switch element.identifier {
    case 0x31:
      // CP-type / CPA-type: normal-mode-parameters [2], then its user-data.
      guard let normal = element.child(0xA2), let data = normal.child(0x61) else { return }
      userData(data)
    case 0x61:
      userData(element)
    case 0x30:
      // CPR-type (connection refused).
      operations.count(MMSService.sessionAbort, .exception)
    case 0xA0, 0xA1:
      // ARU-PPDU / ARP-PPDU (abort).
      operations.count(MMSService.sessionAbort, .exception)
    default:
      violation("mms.presentation", "presentation PPDU tag 0x\(String(element.identifier, radix: 16)) unknown")
    }
  }

  /// Fully-encoded-data: PDV-lists, each with a presentation context and a single ASN.1 value (§8.4.2).
  private mutating func userData(_ data: BERElement) {
    for list in data.children where list.identifier == 0x30 {
      guard let value = list.child(0xA0), let inner = BERElement(value.contents) else { continue }
      if inner.identifier >= 0x60 && inner.identifier <= 0x64 {
        acse(inner)
      } else if Self.isPDUTag(inner.identifier) {
        mms(inner)
      } else {
        violation("mms.pdu", "presentation data 0x\(String(inner.identifier, radix: 16)) is neither ACSE nor MMS")
      }
    }
  }

  /// ACSE APDUs (ISO 8650-1 §7.1): AARQ/AARE carry the MMS initiate PDU in user-information [30] as an EXTERNAL.
  private mutating func acse(_ apdu: BERElement) {
    switch apdu.identifier {
    case 0x60, 0x61:
      sawAssociation = true
      if apdu.identifier == 0x60, apdu.child(0xAC) != nil {
        // calling-authentication-value [12]; mechanism-name [11] names the mechanism (e.g. password, certificate).
        authentication = apdu.child(0x8B) != nil ? "acse-mechanism" : "acse-password"
      }
      guard let information = apdu.child(0xBE), let external = information.child(0x28),
        let value = external.child(0xA0), let inner = BERElement(value.contents)
      else { return }
      mms(inner)
    case 0x62:
      operations.count(MMSService.release, .request)
    case 0x63:
      operations.count(MMSService.release, .response)
    default:
      operations.count(MMSService.associationAbort, .exception)
    }
  }

  /// An MMS PDU (ISO 9506-2 §7, MMSpdu CHOICE).
  private mutating func mms(_ pdu: BERElement) {
    mmsPDUs += 1
    switch pdu.identifier {
    case 0xA0, 0xA1:
      // confirmed-RequestPDU / -ResponsePDU: invokeID, (request) optional listOfModifier, then the service.
      let request = pdu.identifier == 0xA0
      guard let service = pdu.children.first(where: { $0.isContextSpecific }) else {
        violation("mms.pdu", "confirmed \(request ? "request" : "response") without a service")
        return
      }
      operations.count(service.number, request ? .request : .response)
      if !request, service.number == MMSService.identify { identify(service) }
    case 0xA2:
      operations.count(MMSService.confirmedError, .exception)
    case 0xA3:
      guard let service = pdu.children.first(where: { $0.isContextSpecific }) else {
        violation("mms.pdu", "unconfirmed PDU without a service")
        return
      }
      operations.count(MMSService.unconfirmedBase | service.number, .response)
    case 0xA4:
      operations.count(MMSService.reject, .exception)
    case 0x85, 0x86, 0xA7:
      operations.count(MMSService.cancel, Self.kind(pdu.identifier, request: 0x85, response: 0x86))
    case 0xA8, 0xA9, 0xAA:
      operations.count(MMSService.initiate, Self.kind(pdu.identifier, request: 0xA8, response: 0xA9))
    case 0x8B, 0x8C, 0xAD:
      operations.count(MMSService.conclude, Self.kind(pdu.identifier, request: 0x8B, response: 0x8C))
    default:
      violation("mms.pdu", "MMS PDU tag 0x\(String(pdu.identifier, radix: 16)) unknown")
    }
  }

  /// Request, response or error of a PDU family (cancel, initiate, conclude: request, response, error tags).
  private static func kind(_ tag: UInt8, request: UInt8, response: UInt8) -> OperationCounter.Kind {
    tag == request ? .request : tag == response ? .response : .exception
  }

  /// Identify-Response (ISO 9506-2 §10.2.2): vendorName [0], modelName [1], revision [2].
  private mutating func identify(_ response: BERElement) {
    var identity = DeviceIdentity(source: "mms-identify")
    for field in response.children {
      let text = field.contents.text(0, field.contents.count)
      switch field.identifier {
      case 0x80: identity.vendor = text
      case 0x81: identity.model = text
      case 0x82: identity.firmware = text
      default: break
      }
    }
    if identity.vendor != nil || identity.model != nil || identity.firmware != nil { identities.append(identity) }
  }

  private mutating func violation(_ code: String, _ message: String) {
    violations.record(code, message, packet: packet, direction: direction)
  }

  /// What the association did; `transport` holds the ISO layer's own violations.
  func observation(transport: ViolationLog) -> ProtocolObservation {
    let violations = transport.merged(with: violations)
    // MMS itself has no encryption; IEC 62351-4 secures it with TLS (port 3782) and ACSE authentication.
    let security = SecurityProperties(
      authenticated: authentication != nil ? .yes : sawAssociation ? .no : .unknown, encrypted: .no,
      userIdentity: authentication)
    return ProtocolObservation(
      protocolID: mmsPDUs > 0 ? .mms : .cotp, pduCount: operations.total,
      operations: operations.tallies(MMSService.describe),
      security: security, identities: identities, violations: violations.kept, violationCount: violations.count)
  }
}
