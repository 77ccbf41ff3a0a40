import BulkheadCapture

/// Parses IEC 60870-5-104 APDUs for one flow, both directions.
///
/// APDU (IEC 60870-5-104 §5): start octet 0x68, length of the rest (4...253), four control octets, then in I-frames
/// the ASDU (§9 with IEC 60870-5-101 §7.2): type identification, variable structure qualifier, two octets of cause
/// of transmission (cause, P/N and test bits; originator address), a two-octet common address, and information
/// objects with three-octet addresses.
struct IEC104Parser: FrameParser {
  /// §5: the length octet counts the control field and the ASDU, at most 253.
  static let maximumLength: UInt8 = 253
  /// Type, VSQ, two COT octets, two common address octets (§9).
  static let asduHeaderLength: UInt8 = 6
  /// §5.3: exactly one of STARTDT act/con, STOPDT act/con, TESTFR act/con, with bits 0-1 = 11.
  static let unnumberedFunctions: Set<UInt8> = [0x07, 0x0B, 0x13, 0x23, 0x43, 0x83]

  /// The three APCI formats, told apart by the first control octet's low bits (§5.1-5.3).
  enum Format {
    case information
    case supervisory
    case unnumbered
  }

  static func format(_ control1: UInt8) -> Format {
    control1 & 0x01 == 0 ? .information : control1 & 0x03 == 0x01 ? .supervisory : .unnumbered
  }

  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  /// Whether an IEC 62351-5 authentication ASDU (types 81-95) was seen.
  private(set) var sawSecureAuthentication = false

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard let start = header.u8(0), let length = header.u8(1) else { return .invalid("short APCI") }
    guard start == 0x68 else { return .invalid("APCI start octet 0x\(String(start, radix: 16)), expected 0x68") }
    guard length >= 4 else { return .invalid("APDU length \(length) shorter than the control field") }
    return .length(2 + Int(length))
  }

  mutating func framingLost(_ why: String) {
    violations.record("iec104.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let control1 = frame.u8(2), let control2 = frame.u8(3), let control3 = frame.u8(4),
      let control4 = frame.u8(5)
    else { return }
    switch Self.format(control1) {
    case .information:
      // §5.1: bit 0 of the third control octet is 0 in I-frames (the receive sequence number's low bit follows).
      if control3 & 0x01 != 0 {
        violations.record(
          "iec104.control", "I-frame with bit 0 of control octet 3 set", packet: packet, direction: direction)
      }
      asdu(frame.suffix(from: 6))
    case .supervisory:
      operations.count(IEC104TypeID.supervisory, kind)
      if frame.count != 6 || control1 != 0x01 || control2 != 0 || control3 & 0x01 != 0 {
        violations.record(
          "iec104.control", "S-frame of \(frame.count - 2) octets, control 0x\(String(control1, radix: 16))",
          packet: packet, direction: direction)
      }
    case .unnumbered:
      operations.count(IEC104TypeID.unnumberedBase | UInt32(control1), kind)
      if frame.count != 6 || !Self.unnumberedFunctions.contains(control1) || control2 != 0 || control3 != 0
        || control4 != 0
      {
        violations.record(
          "iec104.control", "U-frame of \(frame.count - 2) octets, control 0x\(String(control1, radix: 16))",
          packet: packet, direction: direction)
      }
    }
  }

  private var kind: OperationCounter.Kind { direction == .initiatorToResponder ? .request : .response }

  /// One ASDU: counted by its type identification; a negative confirmation (P/N, 101 §7.2.3) or an "unknown …"
  /// cause (44-47) counts as an exception.
  private mutating func asdu(_ asdu: UnsafeRawBufferPointer) {
    guard asdu.count >= Int(Self.asduHeaderLength), let typeID = asdu.u8(0), let qualifier = asdu.u8(1),
      let cause = asdu.u8(2)
    else {
      violations.record(
        "iec104.short-asdu", "I-frame ASDU of \(asdu.count) octets, header needs \(Self.asduHeaderLength)",
        packet: packet, direction: direction)
      return
    }
    let causeValue = cause & 0x3F
    let negative = cause & 0x40 != 0 || (44...47).contains(causeValue)
    operations.count(UInt32(typeID), negative ? .exception : kind)
    if IEC104TypeID.isSecureAuthentication(typeID) { sawSecureAuthentication = true }
    if typeID == 0 || causeValue == 0 {
      // 101 §7.2.1.1 and §7.2.3: type 0 and cause 0 are "not used".
      violations.record(
        "iec104.not-used", "ASDU type \(typeID), cause \(causeValue): value 0 is not used", packet: packet,
        direction: direction)
    }
    // 101 §7.2.2: SQ (bit 7) = one address then a sequence of elements; otherwise each object has its address.
    guard let element = IEC104TypeID.elementLength(typeID) else { return }
    let objects = Int(qualifier & 0x7F)
    let body = asdu.count - Int(Self.asduHeaderLength)
    let expected = objects == 0 ? 0 : qualifier & 0x80 != 0 ? 3 + objects * element : objects * (3 + element)
    if body != expected {
      violations.record(
        "iec104.asdu-length",
        "\(IEC104TypeID.describe(UInt32(typeID)).name) with \(objects) objects has \(body) octets, expected \(expected)",
        packet: packet, direction: direction)
    }
  }
}
