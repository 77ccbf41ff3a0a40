import BulkheadCapture

/// DNP3 over TCP or UDP: link frames with CRC checks, transport reassembly, application function codes, IIN and
/// Secure Authentication.
public struct DNP3Dissector: Dissector {
  public static let id = ProtocolID.dnp3
  public static let transports: Set<TransportProtocol> = [.tcp, .udp]
  public static let wellKnownPorts: Set<UInt16> = [20000]
  public static let displayName = "DNP3"
  public static let signaturePriority = SignaturePriority.checksum

  // The longest link frame is 292 bytes (length 255: 10 + 250 + 2 × 16). Over UDP each datagram holds whole link
  // frames (IEEE 1815-2012 Annex E).
  private var framing: StreamFraming
  private var parser = DNP3Parser()

  /// Start bytes 0x05 0x64 and a valid header CRC (a bad length is then a violation, not another protocol).
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    bytes.u8(0) == 0x05 && bytes.u8(1) == 0x64 && DNP3CRC.check(bytes, 0, 8)
  }

  public init(transport: TransportProtocol) {
    framing = StreamFraming(
      transport: transport, headerLength: 10, maximumLength: 292, datagramCode: "dnp3.datagram",
      frameNoun: "link frame")
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
      operations: parser.operations.tallies(DNP3Function.describe),
      security: SecurityProperties(authenticated: parser.sawSecureAuthentication ? .yes : .no, encrypted: .no),
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes)
  }
}
