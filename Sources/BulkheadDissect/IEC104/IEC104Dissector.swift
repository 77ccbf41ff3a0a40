import BulkheadCapture

/// IEC 60870-5-104 (telecontrol over TCP): APCI I/S/U frames, ASDU type identifications with cause of
/// transmission and common address; IEC 62351-5 secure authentication ASDUs recognised.
public struct IEC104Dissector: Dissector {
  public static let id = ProtocolID.iec104
  public static let transports: Set<TransportProtocol> = [.tcp]
  // IEC 60870-5-104 §10: port 2404 (IEC 62351-3 TLS uses 19998, whose records are TLS's).
  public static let wellKnownPorts: Set<UInt16> = [2404]
  public static let displayName = "IEC 60870-5-104"
  // A start byte, a length that delimits the whole first APDU and a control field whose fixed bits are consistent
  // (§5.1): more than EtherNet/IP's command list, less than a multi-byte magic. Between the two levels so that no
  // TCP dissector shares it.
  public static let signaturePriority = SignaturePriority.knownCommand.adjusted(by: 25)

  // §5: start 0x68 and a length octet of at most 253 (APDU ≤ 255 bytes).
  private var framing = StreamFraming(
    transport: .tcp, headerLength: 2, maximumLength: 2 + Int(IEC104Parser.maximumLength))
  private var parser = IEC104Parser()

  /// A complete first APDU: start 0x68, length 4...253 covered by the payload, and a valid control field for the
  /// length (U- and S-frames are exactly 4 octets, an I-frame carries at least the ASDU header).
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, bytes.u8(0) == 0x68, let length = bytes.u8(1),
      length >= 4, length <= IEC104Parser.maximumLength, bytes.count >= 2 + Int(length),
      let control1 = bytes.u8(2), let control2 = bytes.u8(3), let control3 = bytes.u8(4), let control4 = bytes.u8(5)
    else { return false }
    switch IEC104Parser.format(control1) {
    case .information: return length >= 4 + IEC104Parser.asduHeaderLength && control3 & 0x01 == 0
    case .supervisory: return length == 4 && control1 == 0x01 && control2 == 0 && control3 & 0x01 == 0
    case .unnumbered:
      return length == 4 && IEC104Parser.unnumberedFunctions.contains(control1) && control2 == 0 && control3 == 0
        && control4 == 0
    }
  }

  public init(transport: TransportProtocol) {}

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    framing.feed(bytes, direction: direction, packet: packet, into: &parser)
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    framing.gap(direction: direction, length: length, parser: &parser)
  }

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(IEC104TypeID.describe),
      // Plain IEC 104 has neither; IEC 62351-5 authentication ASDUs (types 81-95) authenticate, TLS (IEC 62351-3)
      // would be a TLS flow.
      security: SecurityProperties(authenticated: parser.sawSecureAuthentication ? .yes : .no, encrypted: .no),
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes)
  }
}

extension ProtocolID {
  /// IEC 60870-5-104 (telecontrol companion of IEC 60870-5-101 over TCP).
  public static let iec104 = ProtocolID(rawValue: "iec104")
}
