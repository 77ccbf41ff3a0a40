/// The IP protocol a flow or permit uses, named where Bulkhead knows it.
public enum Transport: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  case tcp, udp, icmp, icmpv6
  /// Any other IP protocol number.
  case other(UInt8)

  /// Creates the transport for an IP protocol number (RFC 5237 registry).
  public init(protocolNumber: UInt8) {
    switch protocolNumber {
    case 6: self = .tcp
    case 17: self = .udp
    case 1: self = .icmp
    case 58: self = .icmpv6
    default: self = .other(protocolNumber)
    }
  }

  /// The IP protocol number.
  public var protocolNumber: UInt8 {
    switch self {
    case .tcp: 6
    case .udp: 17
    case .icmp: 1
    case .icmpv6: 58
    case .other(let n): n
    }
  }

  /// Whether flows of this transport have ports.
  public var hasPorts: Bool { self == .tcp || self == .udp }

  public var description: String {
    switch self {
    case .tcp: "tcp"
    case .udp: "udp"
    case .icmp: "icmp"
    case .icmpv6: "icmpv6"
    case .other(let n): "ip-proto-\(n)"
    }
  }

  public static func < (lhs: Transport, rhs: Transport) -> Bool { lhs.protocolNumber < rhs.protocolNumber }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    switch text {
    case "tcp": self = .tcp
    case "udp": self = .udp
    case "icmp": self = .icmp
    case "icmpv6": self = .icmpv6
    default:
      guard text.hasPrefix("ip-proto-"), let n = UInt8(text.dropFirst(9)) else {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "transport \(text)"))
      }
      self = .other(n)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
