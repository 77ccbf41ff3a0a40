import BulkheadCapture

/// TLS 1.0–1.3 and SSL 3.0 on any port (RFC 8446, RFC 5246, RFC 6101): the cleartext handshake — version, server
/// name, cipher suite, ALPN, the server certificate's subject and issuer while TLS ≤ 1.2 still shows them — and
/// where encryption starts. Records after that are not read.
public struct TLSDissector: Dissector {
  public static let id = ProtocolID.tls
  public static let transports: Set<TransportProtocol> = [.tcp]
  // IANA: https 443, ldaps 636, imaps 993, pop3s 995, submissions 465, dns-over-tls 853; 8443 by custom; OPC UA
  // HTTPS 4843. Ties and roles only: TLS is recognised on every port.
  public static let wellKnownPorts: Set<UInt16> = [443, 8443, 636, 993, 995, 465, 853, 4843]
  public static let displayName = "TLS"
  // A record header whose handshake message length fits its record length: more than OPC UA's four-byte magic,
  // a little less than a checksum.
  public static let signaturePriority = SignaturePriority.magic.adjusted(by: 10)

  private var framing: StreamFraming
  private var parser = TLSParser()

  /// A handshake record (RFC 8446 §5.1: type 22, legacy version 3.x, length ≤ 2^14) opening with a ClientHello or
  /// ServerHello (§4) whose 24-bit length fits inside the record, and a hello version of 3.x.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, bytes.u8(0) == 22, bytes.u8(1) == 3, let minor = bytes.u8(2), minor <= 4,
      let length = bytes.u16be(3), length >= 4 + 38, length <= 16_384, let type = bytes.u8(5), type == 1 || type == 2,
      bytes.u8(6) == 0, let size = bytes.u16be(7), Int(size) + 4 <= Int(length), bytes.u8(9) == 3
    else { return false }
    return true
  }

  public init(transport: TransportProtocol) {
    // RFC 5246 §6.2.3: a record's fragment is at most 2^14 + 2048 bytes.
    framing = StreamFraming(transport: transport, headerLength: 5, maximumLength: 5 + 16_384 + 2_048)
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
      operations: parser.operations.tallies(TLSMessage.describe),
      security: parser.security, violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes, attributes: parser.attributes.kept)
  }
}

extension ProtocolID {
  /// TLS or SSL 3.0 (RFC 8446, RFC 5246).
  public static let tls = ProtocolID(rawValue: "tls")
}
