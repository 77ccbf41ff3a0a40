/// A CIDR block such as `10.20.0.0/16` or `2001:db8::/32`: an address and a prefix length.
///
/// The stored address is the network address (host bits cleared). ``hadHostBits`` remembers whether the text set
/// any host bits (`10.20.1.5/16`), which validation reports: it usually means the author meant a different block.
public struct IPNetwork: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The network address, host bits cleared.
  public let address: IPAddress
  /// The prefix length, 0...32 for IPv4 and 0...128 for IPv6.
  public let prefixLength: Int
  /// Whether the parsed text had host bits set beyond the prefix.
  public let hadHostBits: Bool

  /// Creates a network from an address and prefix, clearing host bits.
  public init(address: IPAddress, prefixLength: Int) {
    let width = address.family.bitWidth
    let prefix = max(0, min(prefixLength, width))
    let masked = IPNetwork.mask(address, prefix: prefix)
    self.address = masked
    self.prefixLength = prefix
    self.hadHostBits = masked != address
  }

  /// Parses `ADDRESS/PREFIX`; a bare address is a host network (/32 or /128).
  public init?(_ text: Substring) {
    let trimmed = text
    if let slash = trimmed.firstIndex(of: "/") {
      let prefixText = trimmed[trimmed.index(after: slash)...]
      guard let address = IPAddress(trimmed[..<slash]), !prefixText.isEmpty, prefixText.allSatisfy(\.isASCII),
        prefixText.allSatisfy(\.isNumber), prefixText.count <= 3, let prefix = Int(prefixText),
        prefix <= address.family.bitWidth
      else { return nil }
      self.init(address: address, prefixLength: prefix)
    } else {
      guard let address = IPAddress(trimmed) else { return nil }
      self.init(address: address, prefixLength: address.family.bitWidth)
    }
  }

  /// Parses a CIDR from a string; see ``init(_:)-(Substring)``.
  public init?(_ text: String) { self.init(Substring(text)) }

  /// The address family.
  public var family: IPAddress.Family { address.family }

  /// The first address of the block (the network address).
  public var first: IPAddress { address }

  /// The last address of the block.
  public var last: IPAddress {
    let hostBits = family.bitWidth - prefixLength
    switch family {
    case .v4:
      let span: UInt32 = hostBits >= 32 ? .max : (UInt32(1) << UInt32(hostBits)) - 1
      return IPAddress(v4: address.v4Value | span)
    case .v6:
      let (hiSpan, loSpan) = IPNetwork.hostSpan(hostBits)
      return IPAddress(v6High: address.high | hiSpan, low: address.low | loSpan)
    }
  }

  /// Whether `candidate` lies inside this block.
  public func contains(_ candidate: IPAddress) -> Bool {
    candidate.family == family && IPNetwork.mask(candidate, prefix: prefixLength) == address
  }

  /// Whether `other` lies entirely inside this block.
  public func contains(_ other: IPNetwork) -> Bool {
    other.family == family && other.prefixLength >= prefixLength && contains(other.address)
  }

  /// Whether the two blocks share any address (for CIDRs that means one contains the other).
  public func overlaps(_ other: IPNetwork) -> Bool { contains(other) || other.contains(self) }

  public var description: String { "\(address)/\(prefixLength)" }

  // Two spellings of the same block are the same network; `hadHostBits` is about the text, not the block.
  public static func == (lhs: IPNetwork, rhs: IPNetwork) -> Bool {
    lhs.address == rhs.address && lhs.prefixLength == rhs.prefixLength
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(address)
    hasher.combine(prefixLength)
  }

  public static func < (lhs: IPNetwork, rhs: IPNetwork) -> Bool {
    lhs.address != rhs.address ? lhs.address < rhs.address : lhs.prefixLength < rhs.prefixLength
  }

  static func hostSpan(_ hostBits: Int) -> (UInt64, UInt64) {
    if hostBits <= 0 { return (0, 0) }
    if hostBits < 64 { return (0, (UInt64(1) << UInt64(hostBits)) - 1) }
    if hostBits == 64 { return (0, .max) }
    if hostBits < 128 { return ((UInt64(1) << UInt64(hostBits - 64)) - 1, .max) }
    return (.max, .max)
  }

  static func mask(_ address: IPAddress, prefix: Int) -> IPAddress {
    let hostBits = address.family.bitWidth - prefix
    switch address.family {
    case .v4:
      let span: UInt32 = hostBits >= 32 ? .max : (UInt32(1) << UInt32(hostBits)) - 1
      return IPAddress(v4: address.v4Value & ~span)
    case .v6:
      let (hiSpan, loSpan) = hostSpan(hostBits)
      return IPAddress(v6High: address.high & ~hiSpan, low: address.low & ~loSpan)
    }
  }
}

extension IPNetwork: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let network = IPNetwork(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a CIDR block: \(text)")
    }
    self = network
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
