import BulkheadCapture

/// Parses one BVLL (ASHRAE 135-2020 Annex J.2) and the NPDU (clause 6.2) and APDU (clause 20.1) inside it.
struct BACnetParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var identities: [DeviceIdentity] = []

  /// Where the NPDU starts for BVLC functions that carry one: Forwarded-NPDU (J.2.9) has the original source's
  /// 6-byte B/IP address first; Distribute-Broadcast-To-Network, Original-Unicast and Original-Broadcast (J.2.10-12)
  /// start it right after the header.
  static func npduOffset(_ function: UInt8) -> Int? {
    switch function {
    case 0x04: 10
    case 0x09, 0x0A, 0x0B: 4
    default: nil
    }
  }

  /// One datagram's BVLL: type 0x81, function, the BVLL's length (Annex J.2), then what the function carries. A
  /// declared length that differs from the datagram's is a violation; the datagram is read as far as it goes.
  mutating func datagram(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.u8(0) == 0x81, let length = bytes.u16be(2) else {
      violation("bacnet.bvlc", "not a BACnet/IP BVLL (type 0x\(String(bytes.u8(0) ?? 0, radix: 16)))")
      return
    }
    if Int(length) != bytes.count {
      violation("bacnet.bvlc-length", "BVLC length \(length) in a \(bytes.count)-byte datagram")
    }
    frame(bytes)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let function = frame.u8(1) else { return }
    guard let offset = Self.npduOffset(function) else {
      // BBMD and foreign-device management (J.2.1-J.2.8): counted by function.
      guard function <= 0x0C else {
        violation("bacnet.bvlc", "BVLC function 0x\(String(function, radix: 16)) unknown")
        return
      }
      operations.count(BACnetService.bvlcBase | UInt32(function), function == 0x00 ? .response : .request)
      return
    }
    if function == 0x04 { operations.count(BACnetService.bvlcBase | 0x04, .request) }
    npdu(frame.suffix(from: offset))
  }

  /// Clause 6.2: version, control, optional destination and source specifiers and hop count, then a network
  /// message or an APDU.
  private mutating func npdu(_ npdu: UnsafeRawBufferPointer) {
    guard npdu.u8(0) == 0x01, let control = npdu.u8(1) else {
      violation("bacnet.npdu", "NPDU version \(npdu.u8(0).map(String.init) ?? "missing"), expected 1")
      return
    }
    var offset = 2
    if control & 0x20 != 0 {
      // DNET (2), DLEN (1), DADR (DLEN).
      guard let length = npdu.u8(offset + 2) else { return truncated("NPDU destination") }
      offset += 3 + Int(length)
    }
    if control & 0x08 != 0 {
      guard let length = npdu.u8(offset + 2) else { return truncated("NPDU source") }
      offset += 3 + Int(length)
    }
    if control & 0x20 != 0 { offset += 1 }  // Hop count.
    if control & 0x80 != 0 {
      // Network layer message (clause 6.4); types 0x80 and above carry a vendor id.
      guard let type = npdu.u8(offset) else { return truncated("network message") }
      operations.count(BACnetService.networkBase | UInt32(type), .request)
      return
    }
    guard offset < npdu.count else { return truncated("APDU") }
    apdu(npdu.suffix(from: offset))
  }

  /// Clause 20.1: the PDU type in the high nibble of the first octet.
  private mutating func apdu(_ apdu: UnsafeRawBufferPointer) {
    guard let first = apdu.u8(0) else { return truncated("APDU") }
    let segmented = first & 0x08 != 0
    switch first >> 4 {
    case 0:
      // Confirmed-Request (20.1.2): type/flags, max segments/APDU, invoke id, [sequence, window], service. A
      // segmented message counts once, at its first segment (sequence number 0, 20.1.2.7).
      guard let service = apdu.u8(segmented ? 5 : 3) else { return truncated("confirmed request") }
      if !segmented || apdu.u8(3) == 0 { operations.count(UInt32(service), .request) }
    case 1:
      // Unconfirmed-Request (20.1.3): type, service, then its parameters.
      guard let service = apdu.u8(1) else { return truncated("unconfirmed request") }
      operations.count(BACnetService.unconfirmedBase | UInt32(service), .request)
      if service == BACnetService.iAm { iAm(apdu.suffix(from: 2)) }
    case 2:
      // SimpleACK (20.1.4): type, invoke id, service.
      guard let service = apdu.u8(2) else { return truncated("simple ACK") }
      operations.count(UInt32(service), .response)
    case 3:
      // ComplexACK (20.1.5): type/flags, invoke id, [sequence, window], service.
      guard let service = apdu.u8(segmented ? 4 : 2) else { return truncated("complex ACK") }
      if !segmented || apdu.u8(2) == 0 { operations.count(UInt32(service), .response) }
    case 4:
      operations.count(BACnetService.segmentAck, .response)
    case 5:
      // Error (20.1.7): type, invoke id, the service that failed.
      guard let service = apdu.u8(2) else { return truncated("error") }
      operations.count(UInt32(service), .exception)
    case 6:
      operations.count(BACnetService.reject, .exception)
    case 7:
      operations.count(BACnetService.abort, .exception)
    default:
      violation("bacnet.apdu", "APDU type \(first >> 4) unknown")
    }
  }

  /// I-Am (clause 16.10): device object identifier (application tag 12), max APDU length, segmentation, vendor id.
  private mutating func iAm(_ parameters: UnsafeRawBufferPointer) {
    // Application-tagged values (20.2.1): tag number in the high nibble, length in the low three bits.
    guard parameters.u8(0) == 0xC4, let object = parameters.u32be(1) else { return }
    var offset = 5
    var values: [UInt32] = []
    while values.count < 3, let tag = parameters.u8(offset) {
      let length = Int(tag & 0x07)
      guard length <= 4, let bytes = parameters.slice(offset + 1, length) else { break }
      values.append(bytes.reduce(0) { $0 << 8 | UInt32($1) })
      offset += 1 + length
    }
    var identity = DeviceIdentity(source: "bacnet-i-am")
    // Object identifier: 10-bit object type (8 = device), 22-bit instance (20.2.14).
    identity.serial = "device \(object & 0x3F_FFFF)"
    if values.count == 3 { identity.vendor = "BACnet vendor \(values[2])" }
    if !identities.contains(identity) { identities.append(identity) }
  }

  private mutating func truncated(_ what: String) {
    violation("bacnet.truncated", "\(what) cut short")
  }

  private mutating func violation(_ code: String, _ message: String) {
    violations.record(code, message, packet: packet, direction: direction)
  }
}
