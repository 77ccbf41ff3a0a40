/// The keywords Cisco configurations use for protocols, ports and ICMP messages.
///
/// Sources: Cisco IOS Security Command Reference (`permit`/`deny` (IP), "port" and "icmp-type" keywords), Cisco ASA
/// Configuration Guide, "Addresses, Protocols, and Ports" (TCP and UDP ports, ICMP types, protocols). A keyword is
/// only valid for the protocol whose table lists it: IOS refuses `udp … eq www`, the ASA `tcp … eq isakmp`.
enum CiscoNames {
  /// The dialect whose keyword tables apply.
  enum Platform {
    case ios, asa
  }

  /// Protocol keywords of extended access lists (besides numbers 0–255). `ip` (every protocol) is not listed: it is
  /// a wildcard, not a number.
  static func protocolNumber(_ word: String, platform: Platform) -> UInt8? {
    if let n = UInt8(word) { return n }
    let name = word.lowercased()
    switch platform {
    case .ios: return iosProtocols[name]
    case .asa: return asaProtocols[name]
    }
  }

  static let iosProtocols: [String: UInt8] = [
    "icmp": 1, "igmp": 2, "ipinip": 4, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ahp": 51, "eigrp": 88,
    "ospf": 89, "nos": 94, "pim": 103, "pcp": 108, "sctp": 132,
  ]

  static let asaProtocols: [String: UInt8] = [
    "icmp": 1, "igmp": 2, "ipinip": 4, "tcp": 6, "igrp": 9, "udp": 17, "gre": 47, "esp": 50, "ah": 51, "ipsec": 50,
    "icmp6": 58, "eigrp": 88, "ospf": 89, "nos": 94, "pim": 103, "pcp": 108, "snp": 109, "sctp": 132,
  ]

  /// A port number or keyword for TCP (6) or UDP (17); `nil` when the keyword is not defined for that protocol.
  static func port(_ word: String, proto: UInt8, platform: Platform) -> UInt16? {
    if let n = UInt16(word) { return n }
    let name = word.lowercased()
    switch (platform, proto) {
    case (.ios, 6): return iosTCP[name]
    case (.ios, 17): return iosUDP[name]
    case (.asa, 6): return asaTCP[name] ?? asaTCPUDP[name]
    case (.asa, 17): return asaUDP[name] ?? asaTCPUDP[name]
    case (.asa, 132): return asaTCP[name] ?? asaTCPUDP[name]
    default: return nil
    }
  }

  /// A port keyword valid for both TCP and UDP with the same number (an ASA `tcp-udp` service or port group).
  static func portForBoth(_ word: String, platform: Platform) -> UInt16? {
    if let n = UInt16(word) { return n }
    guard let tcp = port(word, proto: 6, platform: platform), let udp = port(word, proto: 17, platform: platform),
      tcp == udp
    else { return nil }
    return tcp
  }

  static let iosTCP: [String: UInt16] = [
    "bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53, "drip": 3949, "echo": 7,
    "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101, "ident": 113, "irc": 194,
    "klogin": 543, "kshell": 544, "login": 513, "lpd": 515, "msrpc": 135, "nntp": 119, "onep-plain": 15001,
    "onep-tls": 15002, "pim-auto-rp": 496, "pop2": 109, "pop3": 110, "smtp": 25, "sunrpc": 111, "syslog": 514,
    "tacacs": 49, "talk": 517, "telnet": 23, "time": 37, "uucp": 540, "whois": 43, "www": 80,
  ]

  static let iosUDP: [String: UInt16] = [
    "biff": 512, "bootpc": 68, "bootps": 67, "discard": 9, "dnsix": 195, "domain": 53, "echo": 7, "isakmp": 500,
    "mobile-ip": 434, "nameserver": 42, "netbios-dgm": 138, "netbios-ns": 137, "netbios-ss": 139,
    "non500-isakmp": 4500, "ntp": 123, "pim-auto-rp": 496, "rip": 520, "ripv6": 521, "snmp": 161, "snmptrap": 162,
    "sunrpc": 111, "syslog": 514, "tacacs": 49, "talk": 517, "tftp": 69, "time": 37, "who": 513, "xdmcp": 177,
  ]

  /// ASA keywords valid for TCP only.
  static let asaTCP: [String: UInt16] = [
    "aol": 5190, "bgp": 179, "chargen": 19, "cifs": 3020, "citrix-ica": 1494, "cmd": 514, "ctiqbe": 2748,
    "daytime": 13, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "h323": 1720,
    "hostname": 101, "http": 80, "https": 443, "ident": 113, "imap4": 143, "irc": 194, "kerberos": 750,
    "klogin": 543, "kshell": 544, "ldap": 389, "ldaps": 636, "login": 513, "lotusnotes": 1352, "lpd": 515,
    "netbios-ssn": 139, "nfs": 2049, "nntp": 119, "pcanywhere-data": 5631, "pop2": 109, "pop3": 110, "pptp": 1723,
    "rsh": 514, "rtsp": 554, "smtp": 25, "sqlnet": 1521, "ssh": 22, "telnet": 23, "uucp": 540, "whois": 43,
    "www": 80,
  ]

  /// ASA keywords valid for UDP only.
  static let asaUDP: [String: UInt16] = [
    "biff": 512, "bootpc": 68, "bootps": 67, "dnsix": 195, "isakmp": 500, "mobile-ip": 434, "nameserver": 42,
    "netbios-dgm": 138, "netbios-ns": 137, "ntp": 123, "pcanywhere-status": 5632, "radius": 1645,
    "radius-acct": 1646, "rip": 520, "secureid-udp": 5510, "snmp": 161, "snmptrap": 162, "syslog": 514, "tftp": 69,
    "vxlan": 4789, "who": 513, "xdmcp": 177,
  ]

  /// ASA keywords valid for TCP and UDP alike.
  static let asaTCPUDP: [String: UInt16] = [
    "cifs": 3020, "discard": 9, "domain": 53, "echo": 7, "kerberos": 750, "nfs": 2049, "pim-auto-rp": 496,
    "sip": 5060, "sunrpc": 111, "tacacs": 49, "talk": 517, "www": 80,
  ]

  /// An ICMP message keyword: its type and, for the IOS keywords that name one code of a type, the code.
  static func icmp(_ word: String, platform: Platform) -> (type: UInt8, code: UInt8?)? {
    let name = word.lowercased()
    switch platform {
    case .ios: return iosICMP[name]
    case .asa: return asaICMP[name].map { ($0, nil) }
    }
  }

  static let iosICMP: [String: (type: UInt8, code: UInt8?)] = [
    "echo-reply": (0, nil), "unreachable": (3, nil), "net-unreachable": (3, 0), "host-unreachable": (3, 1),
    "protocol-unreachable": (3, 2), "port-unreachable": (3, 3), "packet-too-big": (3, 4),
    "source-route-failed": (3, 5), "network-unknown": (3, 6), "net-unknown": (3, 6), "host-unknown": (3, 7),
    "host-isolated": (3, 8), "dod-net-prohibited": (3, 9), "dod-host-prohibited": (3, 10),
    "net-tos-unreachable": (3, 11), "host-tos-unreachable": (3, 12), "administratively-prohibited": (3, 13),
    "host-precedence-unreachable": (3, 14), "precedence-unreachable": (3, 15), "source-quench": (4, nil),
    "redirect": (5, nil), "net-redirect": (5, 0), "host-redirect": (5, 1), "net-tos-redirect": (5, 2),
    "host-tos-redirect": (5, 3), "alternate-address": (6, nil), "echo": (8, nil), "router-advertisement": (9, nil),
    "router-solicitation": (10, nil), "time-exceeded": (11, nil), "ttl-exceeded": (11, 0),
    "reassembly-timeout": (11, 1), "parameter-problem": (12, nil), "general-parameter-problem": (12, 0),
    "option-missing": (12, 1), "no-room-for-option": (12, 2), "timestamp-request": (13, nil),
    "timestamp-reply": (14, nil), "information-request": (15, nil), "information-reply": (16, nil),
    "mask-request": (17, nil), "mask-reply": (18, nil), "traceroute": (30, nil), "conversion-error": (31, nil),
    "mobile-redirect": (32, nil),
  ]

  static let asaICMP: [String: UInt8] = [
    "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5, "alternate-address": 6, "echo": 8,
    "router-advertisement": 9, "router-solicitation": 10, "time-exceeded": 11, "parameter-problem": 12,
    "timestamp-request": 13, "timestamp-reply": 14, "information-request": 15, "information-reply": 16,
    "mask-request": 17, "mask-reply": 18, "traceroute": 30, "conversion-error": 31, "mobile-redirect": 32,
  ]

  /// ICMPv6 message keywords (IOS `ipv6 access-list`, ASA `icmp6`): type and optional code.
  static let icmp6: [String: (type: UInt8, code: UInt8?)] = [
    "unreachable": (1, nil), "no-route": (1, 0), "admin-prohibited": (1, 1), "beyond-scope": (1, 2),
    "address-unreachable": (1, 3), "port-unreachable": (1, 4), "packet-too-big": (2, nil),
    "time-exceeded": (3, nil), "hop-limit": (3, 0), "reassembly-timeout": (3, 1), "parameter-problem": (4, nil),
    "header": (4, 0), "next-header": (4, 1), "parameter-option": (4, 2), "echo-request": (128, nil),
    "echo": (128, nil), "echo-reply": (129, nil), "mld-query": (130, nil), "mld-report": (131, nil),
    "mld-reduction": (132, nil), "router-solicitation": (133, nil), "router-advertisement": (134, nil),
    "nd-ns": (135, nil), "neighbor-solicitation": (135, nil), "nd-na": (136, nil),
    "neighbor-advertisement": (136, nil), "redirect": (137, nil), "router-renumbering": (138, nil),
  ]
}
