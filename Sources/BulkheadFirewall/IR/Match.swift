import BulkheadModel

/// One condition of a rule; a rule matches a packet when all its conditions hold (in order, as written).
public enum Match: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The packet's address family (ip6tables/ip tables, or `meta nfproto` in an inet table).
  case family(IPAddress.Family)
  /// Source address in one of the ranges (negated: in none of them).
  case source([AddressRange], negated: Bool)
  /// Destination address in one of the ranges (negated: in none of them).
  case destination([AddressRange], negated: Bool)
  /// IP protocol number (IPv4 protocol / IPv6 next header) in the set.
  case proto(Set<UInt8>, negated: Bool)
  /// TCP/UDP/SCTP source port in one of the ranges; implies a port-carrying protocol.
  case sourcePort([PortRange], negated: Bool)
  /// TCP/UDP/SCTP destination port in one of the ranges; implies a port-carrying protocol.
  case destinationPort([PortRange], negated: Bool)
  /// Source *or* destination port in one of the ranges (iptables `-m multiport --ports`; `!` negates the whole
  /// test); implies a port-carrying protocol.
  case anyPort([PortRange], negated: Bool)
  /// ICMP (v4 or v6, by ``IPAddress/Family``) with type in `types` and code in `codes` (`nil`: any); the protocol
  /// must be ICMP of that family in both polarities.
  case icmp(IPAddress.Family, types: Set<UInt8>?, codes: Set<UInt8>?, negated: Bool)
  /// Input interface matches one of the patterns.
  case inInterface([InterfacePattern], negated: Bool)
  /// Output interface matches one of the patterns.
  case outInterface([InterfacePattern], negated: Bool)
  /// Conntrack state in the set.
  case state(Set<ConnectionState>, negated: Bool)
  /// A condition Bulkhead does not model; see ``Rule/unsupported`` for how it is treated.
  case unsupported(String)

  /// The protocols that carry 16-bit ports in the same header position (TCP, UDP, UDP-Lite, SCTP, DCCP).
  public static let portProtocols: Set<UInt8> = [6, 17, 33, 132, 136]

  public var description: String {
    func neg(_ n: Bool) -> String { n ? "! " : "" }
    func list<T: CustomStringConvertible>(_ items: [T]) -> String { items.map(\.description).joined(separator: ",") }
    switch self {
    case .family(let f): return f == .v4 ? "ipv4" : "ipv6"
    case .source(let r, let n): return "\(neg(n))src \(list(r))"
    case .destination(let r, let n): return "\(neg(n))dst \(list(r))"
    case .proto(let p, let n): return "\(neg(n))proto \(list(p.sorted()))"
    case .sourcePort(let r, let n): return "\(neg(n))sport \(list(r))"
    case .destinationPort(let r, let n): return "\(neg(n))dport \(list(r))"
    case .anyPort(let r, let n): return "\(neg(n))port \(list(r))"
    case .icmp(let f, let t, let c, let n):
      let name = f == .v4 ? "icmp" : "icmpv6"
      let types = t.map { list($0.sorted()) } ?? "any"
      let codes = c.map { " code " + list($0.sorted()) } ?? ""
      return "\(neg(n))\(name) type \(types)\(codes)"
    case .inInterface(let p, let n): return "\(neg(n))in \(list(p))"
    case .outInterface(let p, let n): return "\(neg(n))out \(list(p))"
    case .state(let s, let n): return "\(neg(n))state \(s.sorted().map(\.rawValue).joined(separator: ","))"
    case .unsupported(let text): return "unsupported(\(text))"
    }
  }
}
