/// An IPv4 or IPv6 address held as a 128-bit value, so that sets and ranges of both families share one arithmetic.
///
/// IPv4 addresses occupy the low 32 bits (`high == 0`); the family is kept separately so that `10.0.0.1` and
/// `::a00:1` stay distinct. Ordering sorts IPv4 before IPv6, then by value.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The address family.
  public enum Family: UInt8, Hashable, Comparable, Sendable, Codable {
    case v4 = 4
    case v6 = 6

    /// Number of bits in an address of this family.
    public var bitWidth: Int { self == .v4 ? 32 : 128 }

    public static func < (lhs: Family, rhs: Family) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The family of this address.
  public let family: Family
  /// The upper 64 bits (always 0 for IPv4).
  public let high: UInt64
  /// The lower 64 bits (for IPv4 only the low 32 bits are used).
  public let low: UInt64

  /// Creates an IPv4 address from its 32-bit value in host order.
  public init(v4 value: UInt32) {
    family = .v4
    high = 0
    low = UInt64(value)
  }

  /// Creates an IPv6 address from its two 64-bit halves in host order.
  public init(v6High high: UInt64, low: UInt64) {
    family = .v6
    self.high = high
    self.low = low
  }

  /// The IPv4 value; meaningful only when `family == .v4`.
  public var v4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

  /// Parses dotted-quad IPv4 (`192.0.2.1`) or RFC 4291 §2.2 IPv6 text (`2001:db8::1`, `::ffff:192.0.2.1`).
  public init?(_ text: Substring) {
    if text.contains(":") {
      guard let (h, l) = IPAddress.parseV6(text) else { return nil }
      self.init(v6High: h, low: l)
    } else {
      guard let v = IPAddress.parseV4(text) else { return nil }
      self.init(v4: v)
    }
  }

  /// Parses an address from a string; see ``init(_:)-(Substring)``.
  public init?(_ text: String) { self.init(Substring(text)) }

  static func parseV4(_ text: Substring) -> UInt32? {
    var value: UInt32 = 0
    var octets = 0
    for part in text.split(separator: ".", omittingEmptySubsequences: false) {
      guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255
      else { return nil }
      // A leading zero is ambiguous (octal in some parsers); refuse it rather than guess.
      if part.count > 1 && part.first == "0" { return nil }
      value = value << 8 | octet
      octets += 1
    }
    return octets == 4 ? value : nil
  }

  static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
    var text = text
    // Zone identifiers (fe80::1%eth0) name a link, not part of the address.
    if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
    // RFC 4291 §2.2: at most one "::" stands for one or more groups of zeros.
    var groups: [UInt16]
    if let gap = text.firstRange(of: "::") {
      let tail = text[gap.upperBound...]
      guard !tail.contains("::"), let head = parseGroups(text[..<gap.lowerBound], allowV4Tail: false),
        let rest = parseGroups(tail, allowV4Tail: true), head.count + rest.count < 8
      else { return nil }
      groups = head + Array(repeating: 0, count: 8 - head.count - rest.count) + rest
    } else {
      guard let all = parseGroups(text, allowV4Tail: true), all.count == 8 else { return nil }
      groups = all
    }
    var h: UInt64 = 0
    var l: UInt64 = 0
    for g in groups[0..<4] { h = h << 16 | UInt64(g) }
    for g in groups[4..<8] { l = l << 16 | UInt64(g) }
    return (h, l)
  }

  /// Parses colon-separated hex groups; an empty text is zero groups. An embedded IPv4 tail counts as two groups.
  private static func parseGroups(_ text: Substring, allowV4Tail: Bool) -> [UInt16]? {
    if text.isEmpty { return [] }
    var groups: [UInt16] = []
    let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
    for (index, piece) in pieces.enumerated() {
      if piece.contains(".") {
        guard allowV4Tail, index == pieces.count - 1, let v4 = parseV4(piece) else { return nil }
        groups.append(UInt16(v4 >> 16))
        groups.append(UInt16(v4 & 0xffff))
      } else {
        guard !piece.isEmpty, piece.count <= 4, piece.allSatisfy(\.isHexDigit), let g = UInt16(piece, radix: 16)
        else { return nil }
        groups.append(g)
      }
    }
    return groups
  }

  /// Canonical text: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, longest zero run compressed).
  public var description: String {
    switch family {
    case .v4:
      let v = v4Value
      return "\(v >> 24).\(v >> 16 & 0xff).\(v >> 8 & 0xff).\(v & 0xff)"
    case .v6:
      var groups: [UInt16] = []
      for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> shift)) }
      for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> shift)) }
      // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first one on a tie.
      var bestStart = -1
      var bestLength = 1
      var runStart = -1
      for i in 0...8 {
        if i < 8 && groups[i] == 0 {
          if runStart < 0 { runStart = i }
        } else if runStart >= 0 {
          if i - runStart > bestLength {
            bestStart = runStart
            bestLength = i - runStart
          }
          runStart = -1
        }
      }
      func hex(_ range: Range<Int>) -> String {
        groups[range].map { String($0, radix: 16) }.joined(separator: ":")
      }
      if bestStart < 0 { return hex(0..<8) }
      return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
  }

  public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
    if lhs.family != rhs.family { return lhs.family < rhs.family }
    if lhs.high != rhs.high { return lhs.high < rhs.high }
    return lhs.low < rhs.low
  }
}

extension IPAddress: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let address = IPAddress(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an IP address: \(text)")
    }
    self = address
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
