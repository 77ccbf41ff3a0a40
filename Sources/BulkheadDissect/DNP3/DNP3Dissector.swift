import BulkheadCapture

/// DNP3 over TCP or UDP: link frames with CRC checks, transport reassembly, application function codes, IIN and
/// Secure Authentication.
public struct DNP3Dissector: Dissector {
  public static let id = ProtocolID.dnp3
  public static let transports: Set<TransportProtocol> = [.tcp, .udp]
  public static let wellKnownPorts: Set<UInt16> = [20000]

  // The longest link frame is 292 bytes (length 255: 10 + 250 + 2 × 16).
  private var requests = FrameAssembler(headerLength: 10, maximumLength: 292)
  private var responses = FrameAssembler(headerLength: 10, maximumLength: 292)
  private var parser = DNP3Parser()
  private let transport: TransportProtocol

  /// Start bytes 0x05 0x64 and a valid header CRC (a bad length is then a violation, not another protocol).
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    bytes.u8(0) == 0x05 && bytes.u8(1) == 0x64 && DNP3CRC.check(bytes, 0, 8)
  }

  public init(transport: TransportProtocol) { self.transport = transport }

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    parser.direction = direction
    parser.packet = packet
    switch (transport, direction) {
    case (.udp, _):
      // Each datagram holds whole link frames (IEEE 1815-2012 Annex E); a fresh assembler per datagram.
      var datagram = FrameAssembler(headerLength: 10, maximumLength: 292)
      datagram.feed(bytes, into: &parser)
      datagram.gap(length: 0)
      if datagram.skippedBytes > 0 {
        parser.violations.record(
          "dnp3.datagram", "\(datagram.skippedBytes) bytes of a datagram are not a whole link frame", packet: packet,
          direction: direction)
      }
    case (_, .initiatorToResponder): requests.feed(bytes, into: &parser)
    case (_, .responderToInitiator): responses.feed(bytes, into: &parser)
    }
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    switch direction {
    case .initiatorToResponder: requests.gap(length: length)
    case .responderToInitiator: responses.gap(length: length)
    }
  }

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(DNP3Function.describe),
      security: SecurityProperties(authenticated: parser.sawSecureAuthentication ? .yes : .no, encrypted: .no),
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: requests.skippedBytes + responses.skippedBytes)
  }
}
