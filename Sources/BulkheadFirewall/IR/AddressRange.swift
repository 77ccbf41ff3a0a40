import BulkheadModel

/// An inclusive range of addresses of one family, the common form of a CIDR block and an `iprange` match.
public struct AddressRange: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The first address.
  public var first: IPAddress
  /// The last address (same family as ``first``, not below it).
  public var last: IPAddress

  /// Creates a range; returns `nil` when the ends differ in family or are reversed.
  public init?(first: IPAddress, last: IPAddress) {
    guard first.family == last.family, first <= last else { return nil }
    self.first = first
    self.last = last
  }

  /// The range covered by a CIDR block.
  public init(_ network: IPNetwork) {
    first = network.first
    last = network.last
  }

  /// Every address of a family.
  public static func all(_ family: IPAddress.Family) -> AddressRange {
    switch family {
    case .v4: AddressRange(IPNetwork(address: IPAddress(v4: 0), prefixLength: 0))
    case .v6: AddressRange(IPNetwork(address: IPAddress(v6High: 0, low: 0), prefixLength: 0))
    }
  }

  /// The address family.
  public var family: IPAddress.Family { first.family }

  /// Whether the address lies in the range.
  public func contains(_ address: IPAddress) -> Bool {
    address.family == first.family && first <= address && address <= last
  }

  /// Whether the range is a whole address family.
  public var isWholeFamily: Bool { self == AddressRange.all(family) }

  /// `a.b.c.d/n` when the range is a CIDR block, `first-last` otherwise.
  public var description: String {
    for prefix in 0...family.bitWidth {
      let net = IPNetwork(address: first, prefixLength: prefix)
      if net.first == first && net.last == last { return net.description }
    }
    return "\(first)-\(last)"
  }

  public static func < (lhs: AddressRange, rhs: AddressRange) -> Bool {
    lhs.first != rhs.first ? lhs.first < rhs.first : lhs.last < rhs.last
  }
}
