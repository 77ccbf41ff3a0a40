/// IANA protocol numbers for the names iptables and nft accept (`/etc/protocols`, IANA "Protocol Numbers").
public enum ProtocolNames {
  /// Name → number for the protocols firewall configs name.
  public static let numbers: [String: UInt8] = [
    "icmp": 1, "igmp": 2, "ipip": 4, "ipencap": 4, "tcp": 6, "egp": 8, "udp": 17, "ipv6": 41, "rsvp": 46, "gre": 47,
    "esp": 50, "ah": 51, "icmpv6": 58, "ipv6-icmp": 58, "icmp6": 58, "ospf": 89, "ospfigp": 89, "pim": 103,
    "vrrp": 112, "l2tp": 115, "sctp": 132, "udplite": 136, "dccp": 33, "mh": 135,
  ]

  /// Parses a protocol name or number.
  public static func number(_ text: Substring) -> UInt8? {
    if let n = UInt8(text) { return n }
    return numbers[text.lowercased()]
  }

  /// The usual name of a protocol number, or the number.
  public static func name(of number: UInt8) -> String {
    switch number {
    case 1: "icmp"
    case 6: "tcp"
    case 17: "udp"
    case 58: "icmpv6"
    case 132: "sctp"
    case 47: "gre"
    case 50: "esp"
    case 51: "ah"
    case 89: "ospf"
    case 112: "vrrp"
    case 136: "udplite"
    case 33: "dccp"
    default: "\(number)"
    }
  }
}
