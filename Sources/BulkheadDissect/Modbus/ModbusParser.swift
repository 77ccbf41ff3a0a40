import BulkheadCapture

/// Parses Modbus/TCP ADUs (MBAP header + PDU) for one flow, both directions.
///
/// MBAP header (MODBUS Messaging on TCP/IP Implementation Guide V1.0b, §3.1.3): transaction id (2), protocol id (2,
/// always 0), length (2, counts unit id + PDU), unit id (1). The PDU is sliced to the declared length.
struct ModbusParser: FrameParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var identities: [DeviceIdentity] = []

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard let protocolID = header.u16be(2), let length = header.u16be(4) else { return .invalid("short MBAP header") }
    // A non-zero protocol id is a violation of the PDU, not of the framing: the length still delimits it (§3.1.3),
    // the way Zeek keeps framing such streams.
    _ = protocolID
    guard length >= 2 else { return .invalid("MBAP length \(length) shorter than unit id + function code") }
    return .length(6 + Int(length))
  }

  mutating func framingLost(_ why: String) {
    violations.record("modbus.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let code = frame.u8(7), let protocolID = frame.u16be(2) else { return }
    guard protocolID == 0 else {
      violations.record(
        "modbus.bad-protocol-id", "MBAP protocol id \(protocolID), expected 0", packet: packet, direction: direction)
      return
    }
    if frame.count > 6 + 254 {
      violations.record(
        "modbus.oversize", "MBAP length \(frame.count - 6) exceeds 254 (PDU max 253 bytes)", packet: packet,
        direction: direction)
    }
    let pdu = frame.suffix(from: 7)
    if code >= 0x80 {
      // §7: an exception response echoes the function code with the high bit set, then one exception code byte.
      operations.count(UInt32(code & 0x7F), .exception)
      if direction == .initiatorToResponder || pdu.count != 2 {
        violations.record(
          "modbus.bad-exception", "exception \(code) of \(pdu.count) bytes sent \(direction.rawValue)",
          packet: packet, direction: direction)
      }
      return
    }
    let isRequest = direction == .initiatorToResponder
    operations.count(UInt32(code), isRequest ? .request : .response)
    if !Self.lengthIsPlausible(code: code, pdu: pdu, isRequest: isRequest) {
      violations.record(
        "modbus.length-mismatch",
        "\(ModbusFunction(code: code).name) \(isRequest ? "request" : "response") PDU of \(pdu.count) bytes",
        packet: packet, direction: direction)
    }
    if code == 43, !isRequest, pdu.u8(1) == 0x0E {
      readDeviceIdentification(pdu)
    }
  }

  /// Fixed-size PDUs from §6.1-§6.17; variable ones are checked against their byte count.
  static func lengthIsPlausible(code: UInt8, pdu: UnsafeRawBufferPointer, isRequest: Bool) -> Bool {
    let count = pdu.count
    switch code {
    case 1, 2, 3, 4:
      if isRequest { return count == 5 }
      guard let bytes = pdu.u8(1) else { return false }
      return count == 2 + Int(bytes)
    case 5, 6: return count == 5
    case 15, 16:
      if !isRequest { return count == 5 }
      guard let bytes = pdu.u8(5) else { return false }
      return count == 6 + Int(bytes)
    case 22: return count == 7
    case 7: return isRequest ? count == 1 : count == 2
    default: return count >= 1
    }
  }

  /// §6.21 Read Device Identification response: MEI type, code, conformity, more follows, next id, count, objects.
  private mutating func readDeviceIdentification(_ pdu: UnsafeRawBufferPointer) {
    guard let objectCount = pdu.u8(6) else {
      violations.record("modbus.device-id", "short 43/14 response", packet: packet, direction: direction)
      return
    }
    var identity = DeviceIdentity(source: "modbus-43/14")
    var offset = 7
    for _ in 0..<objectCount {
      guard let id = pdu.u8(offset), let length = pdu.u8(offset + 1), let value = pdu.slice(offset + 2, Int(length))
      else {
        violations.record(
          "modbus.device-id", "43/14 object list overruns the PDU at offset \(offset)", packet: packet,
          direction: direction)
        break
      }
      let text = value.text(0, value.count)
      switch id {
      case 0x00: identity.vendor = text
      case 0x01: identity.model = text
      case 0x02: identity.firmware = text
      case 0x04: identity.product = text
      case 0x05: if identity.model == nil { identity.model = text }
      default: break
      }
      offset += 2 + Int(length)
    }
    if identity != DeviceIdentity(source: "modbus-43/14") { identities.append(identity) }
  }
}
