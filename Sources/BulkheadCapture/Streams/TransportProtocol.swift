/// The IP protocol carried by a flow (IANA "Assigned Internet Protocol Numbers"); unknown numbers are kept.
public enum TransportProtocol: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// Transmission Control Protocol (6).
  case tcp
  /// User Datagram Protocol (17).
  case udp
  /// ICMP for IPv4 (1).
  case icmp
  /// ICMP for IPv6 (58).
  case icmpv6
  /// Any other IP protocol number, e.g. 132 (SCTP) or 47 (GRE).
  case other(UInt8)

  /// Creates the protocol from its IANA number.
  public init(number: UInt8) {
    switch number {
    case 6: self = .tcp
    case 17: self = .udp
    case 1: self = .icmp
    case 58: self = .icmpv6
    default: self = .other(number)
    }
  }

  /// The IANA protocol number.
  public var number: UInt8 {
    switch self {
    case .tcp: 6
    case .udp: 17
    case .icmp: 1
    case .icmpv6: 58
    case .other(let n): n
    }
  }

  /// Whether the protocol has 16-bit ports (TCP and UDP here).
  public var hasPorts: Bool { self == .tcp || self == .udp }

  /// Lower-case name: `tcp`, `udp`, `icmp`, `icmpv6`, or `ip-<number>`.
  public var description: String {
    switch self {
    case .tcp: "tcp"
    case .udp: "udp"
    case .icmp: "icmp"
    case .icmpv6: "icmpv6"
    case .other(let n): "ip-\(n)"
    }
  }

  public static func < (lhs: TransportProtocol, rhs: TransportProtocol) -> Bool { lhs.number < rhs.number }
}

extension TransportProtocol {
  /// TCP's IANA number, for the hot path that holds the raw protocol byte.
  static let tcpNumber: UInt8 = 6
}

extension TransportProtocol: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    switch text {
    case "tcp": self = .tcp
    case "udp": self = .udp
    case "icmp": self = .icmp
    case "icmpv6": self = .icmpv6
    default:
      guard text.hasPrefix("ip-"), let n = UInt8(text.dropFirst(3)) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a transport: \(text)")
      }
      self = .other(n)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
