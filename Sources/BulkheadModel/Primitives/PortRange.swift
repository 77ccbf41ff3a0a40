/// An inclusive range of TCP/UDP ports, `502` or `1024-65535`.
public struct PortRange: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
  /// The first port of the range.
  public let lower: UInt16
  /// The last port of the range (inclusive).
  public let upper: UInt16

  /// Every port, 0–65535.
  public static let all = PortRange(lower: 0, upper: .max)

  /// Creates a range; `lower` must not exceed `upper` (callers parsing text get `nil` instead, see ``init(_:)``).
  public init(lower: UInt16, upper: UInt16) {
    self.lower = min(lower, upper)
    self.upper = max(lower, upper)
  }

  /// A single port.
  public init(_ port: UInt16) { self.init(lower: port, upper: port) }

  /// Parses `N` or `N-M` (also `N:M`, the iptables spelling). Rejects reversed ranges and values above 65535.
  public init?(_ text: Substring) {
    let separators: Set<Character> = ["-", ":"]
    if let sep = text.firstIndex(where: { separators.contains($0) }) {
      guard let lo = PortRange.port(text[..<sep]), let hi = PortRange.port(text[text.index(after: sep)...]), lo <= hi
      else { return nil }
      self.init(lower: lo, upper: hi)
    } else {
      guard let p = PortRange.port(text) else { return nil }
      self.init(p)
    }
  }

  /// Parses a range from a string; see ``init(_:)-(Substring)``.
  public init?(_ text: String) { self.init(Substring(text)) }

  private static func port(_ text: Substring) -> UInt16? {
    guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return UInt16(text)
  }

  /// Whether `port` lies in the range.
  public func contains(_ port: UInt16) -> Bool { lower <= port && port <= upper }

  /// Whether the ranges share a port.
  public func overlaps(_ other: PortRange) -> Bool { lower <= other.upper && other.lower <= upper }

  /// Number of ports in the range.
  public var count: Int { Int(upper) - Int(lower) + 1 }

  public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }

  public static func < (lhs: PortRange, rhs: PortRange) -> Bool {
    lhs.lower != rhs.lower ? lhs.lower < rhs.lower : lhs.upper < rhs.upper
  }
}
