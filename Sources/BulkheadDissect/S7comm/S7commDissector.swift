import BulkheadCapture

/// S7comm and S7comm-Plus over ISO-on-TCP: job/ack-data functions, userdata (SZL → module identity), S7+ opcodes.
public struct S7commDissector: Dissector {
  public static let id = ProtocolID.s7comm
  public static let transports: Set<TransportProtocol> = [.tcp]
  public static let reportedIDs: [ProtocolID] = [.s7comm, .s7commPlus]
  public static let wellKnownPorts: Set<UInt16> = [102]
  public static let displayName = "S7comm(+)"
  public static let signaturePriority = SignaturePriority.layeredHeader

  private var framing = StreamFraming(transport: .tcp, headerLength: 4, maximumLength: 0xFFFF)
  private var parser = S7commParser()

  /// TPKT version 3 with a plausible length, then a COTP CR/CC/DT/DR/ER TPDU.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, bytes.u8(0) == 3, bytes.u8(1) == 0, let length = bytes.u16be(2),
      let indicator = bytes.u8(4), let code = bytes.u8(5)
    else { return false }
    let knownTPDU = [0xE0, 0xD0, 0xF0, 0x80, 0x70].contains(code & 0xF0)
    return length >= 7 && Int(indicator) + 5 <= Int(length) && knownTPDU
  }

  public init(transport: TransportProtocol) {}

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    framing.feed(bytes, direction: direction, packet: packet, into: &parser)
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    framing.gap(direction: direction, length: length, parser: &parser)
  }

  public func observation() -> ProtocolObservation {
    var security = SecurityProperties(authenticated: parser.sawPassword ? .yes : .no, encrypted: .no)
    if parser.sawPlus || parser.sawTLS {
      // S7comm-Plus V3 protects integrity with a session key; with TLS the payload is encrypted.
      security.authenticated = .unknown
      security.encrypted = parser.sawTLS ? .yes : .no
    }
    return ProtocolObservation(
      protocolID: parser.sawPlus && !parser.sawClassic ? .s7commPlus : Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(S7Operation.describe), security: security, identities: parser.identities,
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes)
  }
}
