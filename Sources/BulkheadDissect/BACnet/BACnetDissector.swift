import BulkheadCapture

/// BACnet/IP (ASHRAE 135-2020 Annex J): BVLC functions incl. BBMD forwarding, NPDU network messages, APDU
/// confirmed/unconfirmed services with acknowledgements, errors, rejects and aborts; I-Am device identity.
public struct BACnetDissector: Dissector {
  public static let id = ProtocolID.bacnet
  public static let transports: Set<TransportProtocol> = [.udp]
  // Annex J.1: UDP 47808 (0xBAC0); sites run further networks on 47809...
  public static let wellKnownPorts: Set<UInt16> = [47808]
  public static let displayName = "BACnet/IP"
  public static let signaturePriority = SignaturePriority.magic

  private var parser = BACnetParser()

  /// BVLC type 0x81 (BACnet/IP), a known function and, for the functions that carry an NPDU, its version 1
  /// (Annex J.2, clause 6.2.1). The BVLC length need not match exactly: crafted and buggy devices get it wrong, and
  /// that is a violation of the flow, not another protocol. But it must cover the 4-byte header and no more than
  /// the datagram: four bytes are too little evidence on their own, and a DNS query whose id happens to be
  /// 0x8100–0x810C puts its flags (0x0100, "256 bytes") there.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .udp, bytes.u8(0) == 0x81, let function = bytes.u8(1), function <= 0x0C,
      let length = bytes.u16be(2), length >= 4, Int(length) <= bytes.count
    else { return false }
    guard let offset = BACnetParser.npduOffset(function) else { return true }
    return bytes.u8(offset) == 0x01
  }

  public init(transport: TransportProtocol) {}

  /// One datagram is one BVLL (Annex J.2): no framing across datagrams.
  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    parser.direction = direction
    parser.packet = packet
    parser.datagram(bytes)
  }

  /// Datagrams are whole: a gap loses nothing a later one needs.
  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {}

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(BACnetService.describe),
      // BACnet/IP has neither; BACnet Secure Connect (Annex AB) runs over TLS WebSockets instead.
      security: SecurityProperties(authenticated: .no, encrypted: .no), identities: parser.identities,
      violations: parser.violations.kept, violationCount: parser.violations.count)
  }
}

extension ProtocolID {
  /// BACnet/IP (ASHRAE 135 Annex J).
  public static let bacnet = ProtocolID(rawValue: "bacnet")
}
