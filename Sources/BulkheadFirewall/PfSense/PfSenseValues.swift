import BulkheadModel

/// The value syntax of `config.xml` rules and aliases: pf's protocol and ICMP type names, addresses, ports.
enum PfSenseValues {
  /// pf's ICMP type names (pf.conf(5), "icmp-type"; the names pfSense's rule editor offers).
  static let icmpTypes: [String: UInt8] = [
    "echorep": 0, "unreach": 3, "squench": 4, "redir": 5, "althost": 6, "echoreq": 8, "routeradv": 9,
    "routersol": 10, "timex": 11, "paramprob": 12, "timereq": 13, "timerep": 14, "inforeq": 15, "inforep": 16,
    "maskreq": 17, "maskrep": 18, "trace": 30, "dataconv": 31, "mobredir": 32, "ipv6-where": 33, "ipv6-here": 34,
    "mobregreq": 35, "mobregrep": 36, "skip": 39, "photuris": 40,
  ]

  /// pf's ICMPv6 type names (pf.conf(5), "icmp6-type").
  static let icmp6Types: [String: UInt8] = [
    "unreach": 1, "toobig": 2, "timex": 3, "paramprob": 4, "echoreq": 128, "echorep": 129, "groupqry": 130,
    "listqry": 130, "grouprep": 131, "listenrep": 131, "groupterm": 132, "listendone": 132, "routersol": 133,
    "routeradv": 134, "neighbrsol": 135, "neighbradv": 136, "redir": 137, "routrrenum": 138, "wrureq": 139,
    "fqdnreq": 139, "niqry": 139, "wrurep": 140, "fqdnrep": 140, "nirep": 140, "mtraceresp": 200, "mtrace": 201,
  ]

  /// Protocol names pf accepts beyond the common ones (`/etc/protocols` on FreeBSD).
  static let protocols: [String: UInt8] = [
    "carp": 112, "pfsync": 240, "igmp": 2, "ipv6": 41, "etherip": 97, "ipencap": 4, "ipip": 4, "l2tp": 115,
  ]

  /// The protocol number of a pf protocol name or number, or `nil` when pf would not know it.
  static func protocolNumber(_ name: String) -> UInt8? {
    protocols[name] ?? ProtocolNames.number(Substring(name))
  }

  /// An address entry: a host, a CIDR block, or a range `a-b` (pfSense host aliases accept ranges).
  static func ranges(_ text: String) -> [AddressRange]? {
    if let network = IPNetwork(text) { return [AddressRange(network)] }
    if let dash = text.firstIndex(of: "-"), let first = IPAddress(String(text[..<dash])),
      let last = IPAddress(String(text[text.index(after: dash)...])), let range = AddressRange(first: first, last: last)
    {
      return [range]
    }
    return nil
  }

  /// A port entry: `N`, `N-M` (rule fields) or `N:M` (port aliases).
  static func port(_ text: String) -> PortRange? { PortRange(Substring(text)) }
}
