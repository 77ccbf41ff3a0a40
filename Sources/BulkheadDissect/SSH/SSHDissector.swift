import BulkheadCapture

/// SSH (RFC 4253): the identification strings both sides send (§4.2), the cleartext binary packets of the key
/// exchange (§6, §7) with the algorithms negotiated (§7.1), and where encryption starts (NEWKEYS, §7.3). The
/// encrypted packets after it are not read.
public struct SSHDissector: Dissector {
  public static let id = ProtocolID.ssh
  public static let transports: Set<TransportProtocol> = [.tcp]
  // IANA: ssh 22 (RFC 4251 §4.9); 830 netconf-ssh, 2222 by custom.
  public static let wellKnownPorts: Set<UInt16> = [22, 830, 2222]
  public static let displayName = "SSH"
  // "SSH-" and a protocol version digit: a four-byte text magic, below TLS and OPC UA whose magic comes with a
  // length that is checked too.
  public static let signaturePriority = SignaturePriority.magic.adjusted(by: -10)

  private var parser = SSHParser()
  /// Identification lines, then binary packets, per direction.
  private var requestLines = LineBuffer(limit: SSHParser.lineLimit)
  private var responseLines = LineBuffer(limit: SSHParser.lineLimit)
  private var requestPackets = SSHParser.packetFraming()
  private var responsePackets = SSHParser.packetFraming()

  /// The identification string "SSH-protoversion-softwareversion" (RFC 4253 §4.2); the protocol version is 2.0,
  /// 1.99 (compatible with 1 and 2, §5.1) or 1.x.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, bytes.hasASCIIPrefix("SSH-"), let digit = bytes.u8(4), digit == 0x31 || digit == 0x32,
      bytes.u8(5) == UInt8(ascii: ".")
    else { return false }
    return true
  }

  public init(transport: TransportProtocol) {}

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    parser.packet = packet
    parser.direction = direction
    var input = bytes
    if direction == .initiatorToResponder {
      if !parser.identified.requests { parser.identification(&input, lines: &requestLines) }
      if parser.identified.requests && !input.isEmpty { requestPackets.feed(input, into: &parser) }
    } else {
      if !parser.identified.responses { parser.identification(&input, lines: &responseLines) }
      if parser.identified.responses && !input.isEmpty { responsePackets.feed(input, into: &parser) }
    }
  }

  /// A gap in the identification phase loses the line; in the binary phase framing is looked for again (and
  /// after NEWKEYS nothing is read anyway).
  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    if direction == .initiatorToResponder {
      parser.skippedBytes += requestLines.pendingCount
      requestLines.reset()
      requestPackets.gap(length: length)
    } else {
      parser.skippedBytes += responseLines.pendingCount
      responseLines.reset()
      responsePackets.gap(length: length)
    }
  }

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(SSHMessage.describe),
      security: parser.security, violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: parser.skippedBytes + requestPackets.skippedBytes + responsePackets.skippedBytes,
      attributes: parser.attributeList.kept)
  }
}

extension ProtocolID {
  /// SSH (RFC 4251–4254).
  public static let ssh = ProtocolID(rawValue: "ssh")
}
