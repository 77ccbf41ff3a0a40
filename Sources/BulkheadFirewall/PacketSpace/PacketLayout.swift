/// Where each header field lives among the BDD variables, most significant bit first.
///
/// Order: family, protocol, source address, destination address, ports, ICMP type/code, conntrack state, input
/// and output interface class. IPv4 addresses occupy the low 32 bits of the 128-bit address blocks.
public struct PacketLayout: Hashable, Sendable {
  /// The family bit (0 IPv4, 1 IPv6).
  public let family = 0
  /// Protocol number, 8 bits.
  public let proto = 1..<9
  /// Source address, 128 bits.
  public let source = 9..<137
  /// Destination address, 128 bits.
  public let destination = 137..<265
  /// Source port, 16 bits.
  public let sourcePort = 265..<281
  /// Destination port, 16 bits.
  public let destinationPort = 281..<297
  /// ICMP type, 8 bits.
  public let icmpType = 297..<305
  /// ICMP code, 8 bits.
  public let icmpCode = 305..<313
  /// Conntrack state, 2 bits.
  public let state = 313..<315
  /// Input interface class.
  public let inInterface: Range<Int>
  /// Output interface class.
  public let outInterface: Range<Int>

  /// Creates the layout for an interface universe of `interfaceBits` bits.
  public init(interfaceBits: Int) {
    inInterface = 315..<(315 + interfaceBits)
    outInterface = (315 + interfaceBits)..<(315 + 2 * interfaceBits)
  }

  /// Total number of variables.
  public var variableCount: Int { outInterface.upperBound }
}
