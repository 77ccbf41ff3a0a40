/// Where each header field lives among the BDD variables, most significant bit first.
///
/// Order: input and output interface class, conntrack state, family, protocol, destination port, ICMP type and
/// code, source port, source address, destination address. Interfaces and state come first because rulesets
/// branch on them first (`-i A -o B -j A_B`, `--ctstate ESTABLISHED`): the per-interface-pair sub-diagrams are
/// then disjoint subtrees, and fixing an interface pair is a walk down the top of the diagram. Services come before
/// addresses because a ruleset names few distinct services and many distinct addresses: splitting on the service
/// first keeps each address sub-diagram to the rules of that service (measured: see docs/firewall-engine.md). IPv4 addresses occupy the low 32 bits of
/// the 128-bit address blocks.
public struct PacketLayout: Hashable, Sendable {
  /// Input interface class.
  public let inInterface: Range<Int>
  /// Output interface class.
  public let outInterface: Range<Int>
  /// Conntrack state, 2 bits.
  public let state: Range<Int>
  /// The family bit (0 IPv4, 1 IPv6).
  public let family: Int
  /// Protocol number, 8 bits.
  public let proto: Range<Int>
  /// Source address, 128 bits.
  public let source: Range<Int>
  /// Destination address, 128 bits.
  public let destination: Range<Int>
  /// Source port, 16 bits.
  public let sourcePort: Range<Int>
  /// Destination port, 16 bits.
  public let destinationPort: Range<Int>
  /// ICMP type, 8 bits.
  public let icmpType: Range<Int>
  /// ICMP code, 8 bits.
  public let icmpCode: Range<Int>

  /// Creates the layout for an interface universe of `interfaceBits` bits.
  public init(interfaceBits: Int) {
    var next = 0
    func block(_ width: Int) -> Range<Int> {
      defer { next += width }
      return next..<(next + width)
    }
    inInterface = block(interfaceBits)
    outInterface = block(interfaceBits)
    state = block(2)
    family = block(1).lowerBound
    proto = block(8)
    destinationPort = block(16)
    icmpType = block(8)
    icmpCode = block(8)
    sourcePort = block(16)
    source = block(128)
    destination = block(128)
  }

  /// Total number of variables.
  public var variableCount: Int { destination.upperBound }

  /// The interface blocks (input then output), contiguous at the top.
  public var interfaces: Range<Int> { inInterface.lowerBound..<outInterface.upperBound }
}
