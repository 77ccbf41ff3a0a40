import BulkheadModel

/// The packet field on the left of an nft match, reduced to what the rule IR can express.
enum NftField: Hashable, Sendable {
  case sourceAddress(IPAddress.Family)
  case destinationAddress(IPAddress.Family)
  /// IPv4 protocol, IPv6 next header or `meta l4proto`; the family when the field belongs to one.
  case proto(IPAddress.Family?)
  /// A port field; the protocol when the header is named (`tcp dport`), `nil` for `th`.
  case sourcePort(UInt8?)
  case destinationPort(UInt8?)
  case icmpType(IPAddress.Family)
  case icmpCode(IPAddress.Family)
  case inName
  case outName
  case state
  case family

  /// Reads the left side: `{"payload": {"protocol", "field"}}`, `{"meta": {"key"}}`, `{"ct": {"key"}}`.
  static func read(_ any: Any) -> NftField? {
    guard let object = any as? [String: Any] else { return nil }
    if let payload = object["payload"] as? [String: Any], let proto = payload["protocol"] as? String,
      let field = payload["field"] as? String
    {
      switch (proto, field) {
      case ("ip", "saddr"): return .sourceAddress(.v4)
      case ("ip", "daddr"): return .destinationAddress(.v4)
      case ("ip6", "saddr"): return .sourceAddress(.v6)
      case ("ip6", "daddr"): return .destinationAddress(.v6)
      case ("ip", "protocol"): return .proto(.v4)
      case ("ip6", "nexthdr"): return .proto(.v6)
      case ("icmp", "type"): return .icmpType(.v4)
      case ("icmp", "code"): return .icmpCode(.v4)
      case ("icmpv6", "type"): return .icmpType(.v6)
      case ("icmpv6", "code"): return .icmpCode(.v6)
      case ("th", "sport"): return .sourcePort(nil)
      case ("th", "dport"): return .destinationPort(nil)
      case (_, "sport"): return ProtocolNames.numbers[proto].map { .sourcePort($0) }
      case (_, "dport"): return ProtocolNames.numbers[proto].map { .destinationPort($0) }
      default: return nil
      }
    }
    if let meta = object["meta"] as? [String: Any], let key = meta["key"] as? String {
      switch key {
      case "l4proto": return .proto(nil)
      case "iifname", "iif": return .inName
      case "oifname", "oif": return .outName
      case "nfproto", "protocol": return .family
      default: return nil
      }
    }
    if let ct = object["ct"] as? [String: Any], ct["key"] as? String == "state", ct["dir"] == nil {
      return .state
    }
    return nil
  }
}
