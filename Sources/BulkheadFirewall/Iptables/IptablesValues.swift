import BulkheadModel

/// Value syntaxes of iptables options: addresses, port lists, ICMP types, conntrack states (iptables-extensions(8)).
enum IptablesValues {
  /// `10.0.0.0/8`, `10.0.0.1`, `10.0.0.0/255.0.0.0`, `2001:db8::/32`, comma lists of these.
  static func addresses(_ text: String) -> [AddressRange]? {
    var result: [AddressRange] = []
    for part in text.split(separator: ",") {
      if let net = IPNetwork(part) {
        result.append(AddressRange(net))
      } else if let slash = part.firstIndex(of: "/"), let addr = IPAddress(part[..<slash]),
        let mask = IPAddress(part[part.index(after: slash)...]), mask.family == .v4, addr.family == .v4,
        let prefix = prefixLength(ofMask: mask.v4Value)
      {
        result.append(AddressRange(IPNetwork(address: addr, prefixLength: prefix)))
      } else {
        return nil
      }
    }
    return result.isEmpty ? nil : result
  }

  /// The prefix length of a contiguous dotted netmask, or `nil` for a non-contiguous one.
  static func prefixLength(ofMask mask: UInt32) -> Int? {
    let ones = mask.nonzeroBitCount
    let expected: UInt32 = ones == 0 ? 0 : ~UInt32(0) << UInt32(32 - ones)
    return mask == expected ? ones : nil
  }

  /// `a-b` address range (`-m iprange --src-range`).
  static func addressRange(_ text: String) -> AddressRange? {
    let parts = text.split(separator: "-", maxSplits: 1)
    if parts.count == 1, let a = IPAddress(parts[0]) { return AddressRange(first: a, last: a) }
    guard parts.count == 2, let a = IPAddress(parts[0]), let b = IPAddress(parts[1]) else { return nil }
    return AddressRange(first: a, last: b)
  }

  /// One port or range: `22`, `1024:65535`, `1024:` (to 65535), `:1023` (from 0); service names are refused.
  static func portRange(_ text: Substring) -> PortRange? {
    if let colon = text.firstIndex(of: ":") {
      let lo = text[..<colon]
      let hi = text[text.index(after: colon)...]
      guard let l = lo.isEmpty ? 0 : UInt16(lo), let h = hi.isEmpty ? UInt16.max : UInt16(hi) else { return nil }
      // iptables swaps a reversed range (xt_tcpudp); keep the same meaning.
      return PortRange(lower: min(l, h), upper: max(l, h))
    }
    return PortRange(text)
  }

  /// A comma list of ports and ranges (`-m multiport --dports 80,443,8000:8080`).
  static func portList(_ text: String) -> [PortRange]? {
    var result: [PortRange] = []
    for part in text.split(separator: ",") {
      guard let r = portRange(part) else { return nil }
      result.append(r)
    }
    return result.isEmpty ? nil : result
  }

  /// `NEW,ESTABLISHED,RELATED,INVALID`; other states (UNTRACKED, SNAT, DNAT) are returned separately.
  static func states(_ text: String) -> (states: Set<ConnectionState>, unknown: [String]) {
    var states: Set<ConnectionState> = []
    var unknown: [String] = []
    for part in text.split(separator: ",") {
      if let s = ConnectionState(rawValue: part.lowercased()) { states.insert(s) } else { unknown.append(String(part)) }
    }
    return (states, unknown)
  }

  /// ICMP type names iptables accepts (`iptables -p icmp -h`), with their type and optional code.
  static let icmpNames: [String: (UInt8, UInt8?)] = [
    "echo-reply": (0, nil), "pong": (0, nil), "destination-unreachable": (3, nil), "network-unreachable": (3, 0),
    "host-unreachable": (3, 1), "protocol-unreachable": (3, 2), "port-unreachable": (3, 3),
    "fragmentation-needed": (3, 4), "source-route-failed": (3, 5), "network-unknown": (3, 6),
    "host-unknown": (3, 7), "network-prohibited": (3, 9), "host-prohibited": (3, 10),
    "communication-prohibited": (3, 13), "source-quench": (4, nil), "redirect": (5, nil),
    "network-redirect": (5, 0), "host-redirect": (5, 1), "echo-request": (8, nil), "ping": (8, nil),
    "router-advertisement": (9, nil), "router-solicitation": (10, nil), "time-exceeded": (11, nil),
    "ttl-exceeded": (11, nil), "ttl-zero-during-transit": (11, 0), "ttl-zero-during-reassembly": (11, 1),
    "parameter-problem": (12, nil), "ip-header-bad": (12, 0), "required-option-missing": (12, 1),
    "timestamp-request": (13, nil), "timestamp-reply": (14, nil), "address-mask-request": (17, nil),
    "address-mask-reply": (18, nil),
  ]

  /// ICMPv6 type names (`ip6tables -p icmpv6 -h`).
  static let icmpv6Names: [String: (UInt8, UInt8?)] = [
    "destination-unreachable": (1, nil), "no-route": (1, 0), "communication-prohibited": (1, 1),
    "address-unreachable": (1, 3), "port-unreachable": (1, 4), "packet-too-big": (2, nil),
    "time-exceeded": (3, nil), "ttl-exceeded": (3, nil), "parameter-problem": (4, nil), "echo-request": (128, nil),
    "ping": (128, nil), "echo-reply": (129, nil), "pong": (129, nil), "router-solicitation": (133, nil),
    "router-advertisement": (134, nil), "neighbour-solicitation": (135, nil), "neighbor-solicitation": (135, nil),
    "neighbour-advertisement": (136, nil), "neighbor-advertisement": (136, nil), "redirect": (137, nil),
  ]

  /// `8`, `3/4`, `echo-request`, `any` → (type, code range); `any` has neither.
  static func icmpType(_ text: String, v6: Bool) -> (type: UInt8?, codes: Set<UInt8>?)? {
    if text == "any" { return (nil, nil) }
    let parts = text.split(separator: "/", maxSplits: 1)
    if let first = parts.first, let t = UInt8(first) {
      if parts.count == 2 {
        guard let c = UInt8(parts[1]) else { return nil }
        return (t, [c])
      }
      return (t, nil)
    }
    guard let (t, c) = (v6 ? icmpv6Names : icmpNames)[text.lowercased()] else { return nil }
    return (t, c.map { [$0] })
  }
}
