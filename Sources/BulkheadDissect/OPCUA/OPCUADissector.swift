import BulkheadCapture

/// OPC UA binary over TCP: connection messages, OpenSecureChannel policy and mode, sessions and service types.
public struct OPCUADissector: Dissector {
  public static let id = ProtocolID.opcua
  public static let transports: Set<TransportProtocol> = [.tcp]
  public static let wellKnownPorts: Set<UInt16> = [4840, 4843]
  public static let displayName = "OPC UA"
  public static let signaturePriority = SignaturePriority.magic

  // Chunks above 16 MiB are beyond any MaxChunkSize seen in practice; treat them as lost framing.
  private var framing = StreamFraming(transport: .tcp, headerLength: 8, maximumLength: 1 << 24)
  private var parser = OPCUAParser()

  /// A known UA TCP message type, chunk type F/C/A and a size no smaller than the header.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, OPCUAParser.messageType(bytes) != nil, let chunk = bytes.u8(3),
      let size = bytes.u32le(4)
    else { return false }
    return (chunk == 0x46 || chunk == 0x43 || chunk == 0x41) && size >= 8 && size < 1 << 24
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
      operations: parser.operations.tallies(OPCUAService.describe), security: parser.security,
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes)
  }
}
