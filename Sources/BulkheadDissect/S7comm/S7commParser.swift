import BulkheadCapture

/// Parses the S7comm (0x32) and S7comm-Plus (0x72) PDUs that ISO transport (``ISOTransportParser``) hands over.
struct S7commParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var identities: [DeviceIdentity] = []
  var sawClassic = false
  var sawPlus = false
  var sawPassword = false
  var sawTLS = false

  /// Whether COTP data starts an S7comm (0x32) or S7comm-Plus (0x72) PDU.
  static func recognises(_ payload: UnsafeRawBufferPointer) -> Bool {
    let protocolID = payload.u8(0)
    return protocolID == 0x32 || protocolID == 0x72
  }

  /// The user data of one COTP DT TPDU on a flow that carries S7comm.
  mutating func pdu(_ payload: UnsafeRawBufferPointer) {
    guard let protocolID = payload.u8(0) else { return }
    switch protocolID {
    case 0x32: classic(payload)
    case 0x72: plus(payload)
    case 0x16, 0x17:
      // TLS records inside COTP: S7comm-Plus V3 with TLS (TIA Portal V17 and later).
      sawTLS = true
    default:
      violations.record(
        "s7comm.protocol-id", "COTP data with protocol id 0x\(String(protocolID, radix: 16))", packet: packet,
        direction: direction)
    }
  }

  /// What the flow's S7comm PDUs did; `transport` holds the ISO layer's own violations.
  func observation(transport: ViolationLog) -> ProtocolObservation {
    var security = SecurityProperties(authenticated: sawPassword ? .yes : .no, encrypted: .no)
    if sawPlus || sawTLS {
      // S7comm-Plus V3 protects integrity with a session key; with TLS the payload is encrypted.
      security.authenticated = .unknown
      security.encrypted = sawTLS ? .yes : .no
    }
    let violations = transport.merged(with: violations)
    return ProtocolObservation(
      protocolID: sawPlus && !sawClassic ? .s7commPlus : .s7comm, pduCount: operations.total,
      operations: operations.tallies(S7Operation.describe), security: security, identities: identities,
      violations: violations.kept, violationCount: violations.count)
  }

  /// S7comm header: 0x32, ROSCTR, redundancy id (2), PDU reference (2), parameter length (2), data length (2), and for
  /// Ack/Ack-Data an error class and code (2).
  private mutating func classic(_ pdu: UnsafeRawBufferPointer) {
    guard let rosctr = pdu.u8(1), let parameterLength = pdu.u16be(6), let dataLength = pdu.u16be(8) else {
      violations.record("s7comm.header", "short S7comm header", packet: packet, direction: direction)
      return
    }
    sawClassic = true
    let headerLength = rosctr == 2 || rosctr == 3 ? 12 : 10
    guard let parameters = pdu.slice(headerLength, Int(parameterLength)),
      let data = pdu.slice(headerLength + Int(parameterLength), Int(dataLength))
    else {
      violations.record(
        "s7comm.length",
        "S7comm parameter \(parameterLength) + data \(dataLength) bytes overrun a \(pdu.count)-byte PDU",
        packet: packet, direction: direction)
      return
    }
    let errorClass = headerLength == 12 ? pdu.u8(10) ?? 0 : 0
    switch rosctr {
    case 1:
      guard let function = parameters.u8(0) else { return }
      operations.count(UInt32(function), .request)
    case 2:
      operations.count(S7Operation.ack, errorClass == 0 ? .response : .exception)
    case 3:
      guard let function = parameters.u8(0) else {
        operations.count(S7Operation.ack, errorClass == 0 ? .response : .exception)
        return
      }
      operations.count(UInt32(function), errorClass == 0 ? .response : .exception)
    case 7:
      userdata(parameters, data)
    default:
      violations.record("s7comm.rosctr", "S7comm ROSCTR \(rosctr) unknown", packet: packet, direction: direction)
    }
  }

  /// Userdata parameters: head 00 01 12, length, method, type (high nibble) | group (low nibble), subfunction, seq.
  private mutating func userdata(_ parameters: UnsafeRawBufferPointer, _ data: UnsafeRawBufferPointer) {
    guard let typeGroup = parameters.u8(5), let subfunction = parameters.u8(6) else {
      violations.record("s7comm.userdata", "short Userdata parameters", packet: packet, direction: direction)
      return
    }
    let group = typeGroup & 0x0F
    let code = S7Operation.userdataBase | UInt32(group) << 8 | UInt32(subfunction)
    let isResponse = typeGroup & 0xF0 == 0x80
    // Data part: return code 0xFF means success (0x0A object does not exist, ...).
    let failed = isResponse && data.u8(0).map { $0 != 0xFF } == true
    operations.count(code, isResponse ? (failed ? .exception : .response) : .request)
    if group == 0x5, subfunction == 0x01 { sawPassword = true }
    if group == 0x4, subfunction == 0x01, isResponse, !failed { szl(data) }
  }

  /// SZL response data: return code, transport size, length (2), SZL-ID (2), index (2), record length (2),
  /// record count (2), records. 0x0011 module identification, 0x001C component identification.
  private mutating func szl(_ data: UnsafeRawBufferPointer) {
    guard let id = data.u16be(4), let recordLength = data.u16be(8), let count = data.u16be(10) else { return }
    let records = data.suffix(from: 12)
    let length = Int(recordLength)
    guard length >= 2 else { return }
    var identity = DeviceIdentity(source: "s7-szl-0x" + String(id & 0x0FFF, radix: 16))
    for index in 0..<Int(count) {
      guard let record = records.slice(index * length, length), let recordIndex = record.u16be(0) else { break }
      switch id & 0x0FFF {
      case 0x011:
        // Records: index, order number (20), module type (2), version Ausbg/Ausbe (2+2).
        if recordIndex == 1 { identity.model = record.text(2, 20) }
        if recordIndex == 7, let major = record.u8(length - 3), let minor = record.u8(length - 2),
          let patch = record.u8(length - 1)
        {
          identity.firmware = "V\(major).\(minor).\(patch)"
        }
      case 0x01C:
        // Records: index, 32-byte text (1 system name, 2 module name, 3 plant id, 5 serial, 7 module type).
        let text = record.text(2, min(32, length - 2))
        switch recordIndex {
        case 1: identity.product = text
        case 2: if identity.model == nil { identity.model = text }
        case 5: identity.serial = text
        case 7: identity.model = text
        default: break
        }
      default: break
      }
    }
    if identity.model != nil || identity.product != nil || identity.serial != nil || identity.firmware != nil {
      identity.vendor = "Siemens"
      identities.append(identity)
    }
  }

  /// S7comm-Plus: 0x72, version, data length (2); V3 adds an integrity digest (length byte + digest) before the
  /// opcode; then opcode (0x31 request, 0x32 response, 0x33 notification), reserved (2), function (2).
  private mutating func plus(_ pdu: UnsafeRawBufferPointer) {
    guard let version = pdu.u8(1) else { return }
    sawPlus = true
    var offset = 4
    if version == 0x03, let digestLength = pdu.u8(4) {
      offset += 1 + Int(digestLength)
    }
    guard let opcode = pdu.u8(offset) else {
      // A trailer frame (only the end marker) carries no opcode.
      return
    }
    switch opcode {
    case 0x31:
      operations.count(S7Operation.plusBase | UInt32(pdu.u16be(offset + 3) ?? 0xFFFF), .request)
    case 0x32, 0x02:
      operations.count(S7Operation.plusBase | UInt32(pdu.u16be(offset + 3) ?? 0xFFFF), .response)
    case 0x33:
      operations.count(S7Operation.plusBase | 0xFFFF, .response)
    default:
      // Continuation fragments of a long S7comm-Plus message start with payload, not an opcode.
      break
    }
  }
}
