/// Where each header field lives among the BDD variables, most significant bit first.
///
/// Interfaces and state come first because rulesets branch on them first (`-i A -o B -j A_B`, `--ctstate
/// ESTABLISHED`): the per-interface-pair sub-diagrams are then disjoint subtrees, and fixing an interface pair is a
/// walk down the top of the diagram. Family and protocol follow. Then one of two orders:
///
/// * **services first** (destination port, ICMP type and code, source port, then source and destination address):
///   for rulesets that name few distinct services and many addresses, splitting on the service first keeps each
///   address sub-diagram to the rules of that service (measured on the plant-shaped benchmark: see
///   docs/firewall-engine.md);
/// * **addresses first** (source, destination, then the services): for rulesets with many distinct port ranges.
///   Port ranges overlap where prefixes nest or stay apart, so under services first every elementary port interval
///   got its own address sub-diagram holding most of the rules (issue 23's 100k random rules: 8× the nodes at
///   10k rules, 12 M nodes at 40k); under addresses first each address cell keeps a small port sub-diagram.
///
/// ``PacketSpace`` chooses by the number of distinct port ranges its rulesets name. IPv4 addresses occupy the low
/// 32 bits of the 128-bit address blocks.
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

  /// Which of the service fields and the addresses come first, below the protocol.
  public enum FieldOrder: Hashable, Sendable {
    /// Destination port, ICMP type and code, source port, then the addresses.
    case servicesFirst
    /// Source and destination address, then the service fields.
    case addressesFirst
  }

  /// The order of this layout.
  public let order: FieldOrder

  /// Creates the layout for an interface universe of `interfaceBits` bits.
  public init(interfaceBits: Int, order: FieldOrder = .servicesFirst) {
    self.order = order
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
    if order == .addressesFirst {
      source = block(128)
      destination = block(128)
      destinationPort = block(16)
      icmpType = block(8)
      icmpCode = block(8)
      sourcePort = block(16)
    } else {
      destinationPort = block(16)
      icmpType = block(8)
      icmpCode = block(8)
      sourcePort = block(16)
      source = block(128)
      destination = block(128)
    }
    variableCount = next
  }

  /// Total number of variables.
  public let variableCount: Int

  /// The interface blocks (input then output), contiguous at the top.
  public var interfaces: Range<Int> { inInterface.lowerBound..<outInterface.upperBound }
}
