import BulkheadModel

/// What PAN-OS defines without a configuration saying so: the predefined services and the standard ports of the
/// App-ID applications a plant's rules name most (`service application-default` restricts a rule to them).
///
/// App-ID identifies an application from the traffic itself, which is not packet space: a rule restricted to
/// applications is evaluated on these ports with the identification kept as an unsupported condition (assumed to
/// hold when the rule allows, to fail when it denies). An application not listed here, with `application-default`,
/// leaves the ports unrestricted (the same assumption, over every port). Ports: the applications' standard ports as
/// PAN-OS publishes them (Applipedia); protocols by IANA number.
enum PaloAltoApplications {
  /// Predefined service objects (PAN-OS Administrator's Guide, "Services": `service-http` is TCP 80 and 8080,
  /// `service-https` TCP 443).
  static let services: [String: [PaloAltoConfig.ServiceEntry]] = [
    "service-http": [
      PaloAltoConfig.ServiceEntry(proto: 6, destination: [PortRange(80), PortRange(8080)], source: [])
    ],
    "service-https": [PaloAltoConfig.ServiceEntry(proto: 6, destination: [PortRange(443)], source: [])],
  ]

  /// One standard way an application's traffic looks.
  enum Default: Hashable {
    /// TCP, UDP or SCTP to these destination ports.
    case ports(UInt8, [PortRange])
    /// ICMP (`v6` false) or ICMPv6 of these types (`nil`: any type).
    case icmp(v6: Bool, types: Set<UInt8>?)
    /// An IP protocol by number.
    case ip(UInt8)
  }

  /// The standard ports of predefined applications, by App-ID name.
  static let defaults: [String: [Default]] = [
    "ssh": [.ports(6, [PortRange(22)])],
    "telnet": [.ports(6, [PortRange(23)])],
    "ftp": [.ports(6, [PortRange(21)])],
    "tftp": [.ports(17, [PortRange(69)])],
    "web-browsing": [.ports(6, [PortRange(80)])],
    "ssl": [.ports(6, [PortRange(443)])],
    "dns": [.ports(6, [PortRange(53)]), .ports(17, [PortRange(53)])],
    "ntp": [.ports(17, [PortRange(123)])],
    "snmp-trap": [.ports(17, [PortRange(162)])],
    "ms-rdp": [.ports(6, [PortRange(3389)]), .ports(17, [PortRange(3389)])],
    "bgp": [.ports(6, [PortRange(179)])],
    "ldap": [.ports(6, [PortRange(389)]), .ports(17, [PortRange(389)])],
    "modbus": [.ports(6, [PortRange(502)])],
    "dnp3": [.ports(6, [PortRange(20000)]), .ports(17, [PortRange(20000)])],
    "bacnet": [.ports(17, [PortRange(47808)])],
    "iec-60870-5-104": [.ports(6, [PortRange(2404)])],
    // ping is ICMP echo request (type 8) and ICMPv6 echo request (type 128); `icmp` and `ipv6-icmp` are the whole
    // protocols.
    "ping": [.icmp(v6: false, types: [8]), .icmp(v6: true, types: [128])],
    "icmp": [.icmp(v6: false, types: nil)],
    "ipv6-icmp": [.icmp(v6: true, types: nil)],
    "ospf": [.ip(89)],
    "gre": [.ip(47)],
    "ipsec-esp": [.ip(50)],
  ]
}
