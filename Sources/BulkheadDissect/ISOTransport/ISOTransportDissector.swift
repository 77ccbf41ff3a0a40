import BulkheadCapture

/// ISO transport on TCP (RFC 1006 TPKT + ISO 8073 COTP), framed once for everything it carries: S7comm (0x32),
/// S7comm-Plus (0x72), MMS (ISO 8327 session, ISO 8823 presentation, ACSE, then ISO 9506 PDUs) and RDP (X.224
/// negotiation, MS-RDPBCGR §2.2.1.1). The flow is named after the payload; a payload none of them recognises
/// leaves it as `cotp`, with its TPDU counts, never as one of them with violations.
public struct ISOTransportDissector: Dissector {
  public static let id = ProtocolID.cotp
  public static let reportedIDs: [ProtocolID] = [.cotp, .s7comm, .s7commPlus, .mms, .rdp]
  public static let transports: Set<TransportProtocol> = [.tcp]
  public static let wellKnownPorts: Set<UInt16> = [102, 3389]
  public static let displayName = "ISO transport (S7comm(+), IEC 61850 MMS, RDP)"
  public static let signaturePriority = SignaturePriority.layeredHeader

  private var framing = StreamFraming(transport: .tcp, headerLength: 4, maximumLength: 0xFFFF)
  private var parser = ISOTransportParser()

  /// TPKT version 3 with a plausible length, then a COTP CR/CC/DT/DR/ER TPDU whose header fits (RFC 1006 §6,
  /// ISO 8073 §13.2).
  /// Some stacks send the 4-byte TPKT header in a segment of its own: that alone matches too (the flow is named only
  /// if TPDUs follow, ``ProtocolObservation/isEvidence(for:)``).
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, bytes.u8(0) == 3, bytes.u8(1) == 0, let length = bytes.u16be(2) else { return false }
    if bytes.count == 4 { return length >= 7 }
    guard let indicator = bytes.u8(4), let code = bytes.u8(5) else { return false }
    return length >= 7 && Int(indicator) + 5 <= Int(length) && COTPTPDU.isSignature(code)
  }

  public init(transport: TransportProtocol) {}

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    framing.feed(bytes, direction: direction, packet: packet, into: &parser)
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    framing.gap(direction: direction, length: length, parser: &parser)
  }

  public func observation() -> ProtocolObservation {
    var observation = parser.observation()
    observation.skippedBytes = framing.skippedBytes
    return observation
  }
}

extension ProtocolID {
  /// ISO transport (RFC 1006 TPKT + ISO 8073 COTP) whose payload no dissector recognised.
  public static let cotp = ProtocolID(rawValue: "cotp")
  /// MMS (ISO 9506) over the ISO stack: IEC 61850-8-1 client/server, ICCP/TASE.2.
  public static let mms = ProtocolID(rawValue: "mms")
  /// Remote Desktop Protocol's X.224 connection (MS-RDPBCGR).
  public static let rdp = ProtocolID(rawValue: "rdp")
}
