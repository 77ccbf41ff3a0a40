import BulkheadCapture

/// EtherNet/IP and CIP: encapsulation commands, CIP services (nested in Unconnected Send and Multiple Service
/// Packets), ListIdentity device identity, class-1 I/O datagrams.
public struct ENIPDissector: Dissector {
  public static let id = ProtocolID.enip
  public static let transports: Set<TransportProtocol> = [.tcp, .udp]
  public static let wellKnownPorts: Set<UInt16> = [44818, 2222]
  public static let displayName = "EtherNet/IP-CIP"
  public static let signaturePriority = SignaturePriority.knownCommand

  private var framing: StreamFraming
  private var parser = ENIPParser()
  private let transport: TransportProtocol

  /// A known encapsulation command other than NOP, with zero options and a length that fits, or (UDP) a class-1 I/O
  /// datagram.
  ///
  /// NOP (command 0) is left out: it is the one command whose header may be all zeros, so with it any run of zero
  /// bytes (an HTTP or TLS body, a NetBIOS length over an SMB2 header) would look like EtherNet/IP. A NOP carries no
  /// request and gets no reply (Vol 2 §2-4.1), so a flow first seen with one loses nothing by waiting for the next
  /// message to match; a NOP met once the flow is claimed is dissected as usual.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    if transport == .udp, ENIPParser.isClassOneIO(bytes) { return true }
    guard let command = bytes.u16le(0), let length = bytes.u16le(2), let options = bytes.u32le(20) else {
      return false
    }
    return command != 0 && ENIPCommand.isKnown(command) && options == 0 && 24 + Int(length) <= bytes.count
  }

  public init(transport: TransportProtocol) {
    self.transport = transport
    framing = StreamFraming(
      transport: transport, headerLength: 24, maximumLength: 24 + 0xFFFF, datagramCode: "enip.datagram",
      frameNoun: "ENIP message")
  }

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    // Class-1 I/O datagrams carry CPF items without an encapsulation header (Vol 2 §2-6.4).
    if transport == .udp, ENIPParser.isClassOneIO(bytes) {
      parser.direction = direction
      parser.packet = packet
      parser.ioDatagram()
      return
    }
    framing.feed(bytes, direction: direction, packet: packet, into: &parser)
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    framing.gap(direction: direction, length: length, parser: &parser)
  }

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(ENIPCommand.describe),
      // CIP Security runs over TLS/DTLS (ports 2221); plain EtherNet/IP has neither authentication nor encryption.
      security: SecurityProperties(authenticated: .no, encrypted: .no), identities: parser.identities,
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes)
  }
}
