import BulkheadCapture

/// SMB 2 and 3 (MS-SMB2) and SMB1 (MS-CIFS, MS-SMB) over direct TCP (MS-SMB2 §2.1) or a NetBIOS session (RFC 1002
/// §4.3): commands, the dialect negotiated, whether signing is required, whether the session is a guest's, and
/// whether messages travel in encryption transforms (MS-SMB2 §2.2.41).
public struct SMBDissector: Dissector {
  public static let id = ProtocolID.smb
  public static let transports: Set<TransportProtocol> = [.tcp]
  // IANA: microsoft-ds 445, netbios-ssn 139.
  public static let wellKnownPorts: Set<UInt16> = [445, 139]
  public static let displayName = "SMB2/3"
  // A session message length and a four-byte protocol id right after it (0xFE/0xFF/0xFD 'SMB'): a magic at a fixed
  // place behind a framing header, above TLS's.
  public static let signaturePriority = SignaturePriority.magic.adjusted(by: 20)

  private var framing: StreamFraming
  private var parser = SMBParser()

  /// A NetBIOS session message (type 0, 24-bit length on direct TCP) whose payload starts with an SMB protocol id
  /// (MS-SMB2 §2.2.1, §2.2.41, §2.2.42; MS-CIFS §2.2.3.1), or a NetBIOS session request carrying two encoded
  /// names (RFC 1002 §4.3.2: 68 bytes, each name 32 bytes behind its length byte).
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, let type = bytes.u8(0), let length = bytes.u16be(2) else { return false }
    if type == 0x81 { return bytes.u8(1) == 0 && length == 68 && bytes.u8(4) == 0x20 }
    guard type == 0, let high = bytes.u8(1), let marker = bytes.u8(4), bytes.u8(5) == UInt8(ascii: "S"),
      bytes.u8(6) == UInt8(ascii: "M"), bytes.u8(7) == UInt8(ascii: "B")
    else { return false }
    let size = Int(high) << 16 | Int(length)
    switch marker {
    case 0xFE: return size >= 64
    case 0xFF: return size >= 32
    case 0xFD: return size >= 52
    case 0xFC: return size >= 16
    default: return false
    }
  }

  public init(transport: TransportProtocol) {
    framing = StreamFraming(transport: transport, headerLength: 4, maximumLength: 4 + 0xFF_FFFF)
  }

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    framing.feed(bytes, direction: direction, packet: packet, into: &parser)
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    framing.gap(direction: direction, length: length, parser: &parser)
  }

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(SMBCommand.describe),
      security: parser.securityProperties, violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes, attributes: parser.attributes.kept)
  }
}

extension ProtocolID {
  /// SMB (MS-SMB2; SMB1 per MS-CIFS).
  public static let smb = ProtocolID(rawValue: "smb")
}
