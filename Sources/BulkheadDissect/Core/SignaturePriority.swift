/// How much a protocol's content signature proves, which decides between signatures that all match a flow's first
/// payload when none of their protocols serves the flow's responder port.
///
/// The value is explicit so that the order of ``DissectorRegistry/all`` never matters: two dissectors that share a
/// transport must not share a priority (``RegistryTests`` checks it).
public struct SignaturePriority: RawRepresentable, Hashable, Comparable, Sendable {
  public var rawValue: Int

  public init(rawValue: Int) { self.rawValue = rawValue }

  /// A checksum over the header verifies it (DNP3's link-header CRC): a random match is about 1 in 65,536 after
  /// the start bytes.
  public static let checksum = SignaturePriority(rawValue: 400)
  /// A multi-byte magic value or tag set, plus a consistent length (OPC UA's message type, BACnet's BVLC type).
  public static let magic = SignaturePriority(rawValue: 300)
  /// Several cross-checked header fields of a layered encapsulation (TPKT version and length, COTP code and length).
  public static let layeredHeader = SignaturePriority(rawValue: 200)
  /// A command from a known list, a zero field and a length that fits (EtherNet/IP).
  public static let knownCommand = SignaturePriority(rawValue: 150)
  /// Little more than a length field and a zero (Modbus's MBAP header): the weakest signature, tried last.
  public static let lengthOnly = SignaturePriority(rawValue: 100)

  /// A priority just above or below a named one, for a protocol that must win or lose against it.
  public func adjusted(by offset: Int) -> SignaturePriority { SignaturePriority(rawValue: rawValue + offset) }

  public static func < (lhs: SignaturePriority, rhs: SignaturePriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
