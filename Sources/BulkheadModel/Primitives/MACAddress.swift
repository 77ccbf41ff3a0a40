/// A 48-bit IEEE 802 MAC address (EUI-48).
public struct MACAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The address in the low 48 bits, first octet most significant.
  public let value: UInt64

  /// Creates an address from its 48-bit value.
  public init(value: UInt64) { self.value = value & 0xffff_ffff_ffff }

  /// Creates an address from six octets in wire order.
  public init(octets: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) {
    let (a, b, c, d, e, f) = octets
    value = UInt64(a) << 40 | UInt64(b) << 32 | UInt64(c) << 24 | UInt64(d) << 16 | UInt64(e) << 8 | UInt64(f)
  }

  /// Parses `00:1b:1b:12:34:56`, `00-1B-1B-12-34-56` or Cisco's `001b.1b12.3456`.
  public init?(_ text: Substring) {
    let hex = text.filter { $0 != ":" && $0 != "-" && $0 != "." }
    let separators = text.count - hex.count
    // Six groups of two (5 separators) or three groups of four (2 dots); nothing else is a MAC.
    guard hex.count == 12, separators == 5 || separators == 2 || separators == 0,
      hex.allSatisfy(\.isHexDigit), let v = UInt64(hex, radix: 16)
    else { return nil }
    if separators == 5 {
      let groups = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "-" })
      guard groups.count == 6, groups.allSatisfy({ $0.count == 2 }) else { return nil }
    }
    value = v
  }

  /// Parses a MAC from a string; see ``init(_:)-(Substring)``.
  public init?(_ text: String) { self.init(Substring(text)) }

  /// The 24-bit organizationally unique identifier (the vendor prefix).
  public var oui: UInt32 { UInt32(truncatingIfNeeded: value >> 24) }

  /// Whether the group bit is set (multicast or broadcast).
  public var isMulticast: Bool { (value >> 40) & 1 == 1 }

  /// Lower-case, colon-separated text.
  public var description: String {
    (0..<6).map { i -> String in
      let octet = UInt8(truncatingIfNeeded: value >> UInt64(40 - 8 * i))
      return octet < 16 ? "0" + String(octet, radix: 16) : String(octet, radix: 16)
    }.joined(separator: ":")
  }

  public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.value < rhs.value }
}

extension MACAddress: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let mac = MACAddress(text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a MAC address: \(text)")
    }
    self = mac
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
