import BulkheadCapture

/// Modbus/TCP: MBAP framing across segments, function codes with exceptions, 43/14 device identification.
public struct ModbusDissector: Dissector {
  public static let id = ProtocolID.modbus
  public static let transports: Set<TransportProtocol> = [.tcp]
  public static let wellKnownPorts: Set<UInt16> = [502]
  public static let displayName = "Modbus/TCP"
  public static let signaturePriority = SignaturePriority.lengthOnly

  // MBAP is 7 bytes; the length field allows at most 254 (PDU ≤ 253), a little slack tolerates sloppy devices.
  private var framing = StreamFraming(transport: .tcp, headerLength: 7, maximumLength: 6 + 260)
  private var parser = ModbusParser()

  /// A complete first ADU: protocol id 0 and a length that fits (any function code: unknown ones matter most).
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, let protocolID = bytes.u16be(2), let length = bytes.u16be(4) else { return false }
    return protocolID == 0 && length >= 2 && length <= 254 && bytes.count >= 6 + Int(length)
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
      operations: parser.operations.tallies { code in
        let function = ModbusFunction(code: UInt8(truncatingIfNeeded: code))
        return (function.name, function.operationClass)
      },
      // Modbus has no authentication or encryption (Modbus/TCP Security, a TLS profile, runs on port 802).
      security: SecurityProperties(authenticated: .no, encrypted: .no),
      identities: parser.identities, violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes)
  }
}
