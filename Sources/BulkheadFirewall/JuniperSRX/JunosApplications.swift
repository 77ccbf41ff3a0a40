import BulkheadModel

/// What Junos defines without a configuration saying so: the predefined applications of the `junos-defaults` group
/// that policies name in practice, the port names `destination-port` accepts and the ICMP type names.
///
/// Ports and protocols from the Junos OS documentation ("Predefined Policy Applications", "Configuring Source and
/// Destination Ports", `show groups junos-defaults`); a predefined application not listed here is reported and
/// evaluated as an unsupported condition (assumed to hold when the policy permits), never guessed.
enum JunosApplications {
  private static func tcp(_ ports: ClosedRange<UInt16>) -> JuniperSRXConfig.Term {
    JuniperSRXConfig.Term(proto: 6, destination: [PortRange(lower: ports.lowerBound, upper: ports.upperBound)])
  }
  private static func udp(_ ports: ClosedRange<UInt16>) -> JuniperSRXConfig.Term {
    JuniperSRXConfig.Term(proto: 17, destination: [PortRange(lower: ports.lowerBound, upper: ports.upperBound)])
  }
  private static func tcp(_ port: UInt16) -> JuniperSRXConfig.Term { tcp(port...port) }
  private static func udp(_ port: UInt16) -> JuniperSRXConfig.Term { udp(port...port) }

  /// The predefined applications, by name.
  static let predefined: [String: [JuniperSRXConfig.Term]] = [
    "junos-ftp": [tcp(21)], "junos-ftp-data": [tcp(20)], "junos-tftp": [udp(69)], "junos-ssh": [tcp(22)],
    "junos-telnet": [tcp(23)], "junos-smtp": [tcp(25)], "junos-smtps": [tcp(465)], "junos-http": [tcp(80)],
    "junos-https": [tcp(443)], "junos-pop3": [tcp(110)], "junos-imap": [tcp(143)], "junos-imaps": [tcp(993)],
    "junos-dns-udp": [udp(53)], "junos-dns-tcp": [tcp(53)], "junos-ntp": [udp(123)], "junos-snmp-agentx": [tcp(705)],
    "junos-syslog": [udp(514)], "junos-ldap": [tcp(389)], "junos-radius": [udp(1812)], "junos-radacct": [udp(1813)],
    "junos-bgp": [tcp(179)], "junos-ike": [udp(500)], "junos-ike-nat": [udp(4500)], "junos-bootpc": [udp(68)],
    "junos-bootps": [udp(67)], "junos-dhcp-client": [udp(68)], "junos-dhcp-server": [udp(67)],
    "junos-dhcp-relay": [udp(67)], "junos-finger": [tcp(79)], "junos-gopher": [tcp(70)], "junos-nntp": [tcp(119)],
    "junos-ident": [tcp(113)], "junos-printer": [tcp(515)], "junos-lpr": [tcp(515)], "junos-rsh": [tcp(514)],
    "junos-tacacs": [tcp(49)], "junos-tacacs-ds": [tcp(65)], "junos-talk": [udp(517)], "junos-ntalk": [udp(518)],
    "junos-who": [udp(513)], "junos-whois": [tcp(43)], "junos-echo": [udp(7)], "junos-discard": [udp(9)],
    "junos-chargen": [udp(19)], "junos-biff": [udp(512)], "junos-uucp": [tcp(540)], "junos-cvspserver": [tcp(2401)],
    "junos-snpp": [tcp(444)], "junos-pptp": [tcp(1723)], "junos-l2tp": [udp(1701)], "junos-rtsp": [tcp(554)],
    "junos-rdp": [tcp(3389)], "junos-ms-sql": [tcp(1433)], "junos-sql-monitor": [udp(1434)],
    "junos-netbios-session": [tcp(139)], "junos-nbname": [udp(137)], "junos-nbds": [udp(138)],
    "junos-smb-session": [tcp(445)], "junos-ldp-tcp": [tcp(646)], "junos-ldp-udp": [udp(646)],
    "junos-rip": [udp(520)], "junos-nfsd-tcp": [tcp(2049)], "junos-nfsd-udp": [udp(2049)],
    "junos-xnm-clear-text": [tcp(3221)], "junos-xnm-ssl": [tcp(3220)], "junos-sqlnet-v2": [tcp(1521)],
    "junos-aol": [tcp(5190...5193)], "junos-gnutella": [udp(6346...6347)], "junos-irc": [tcp(6660...6669)],
    "junos-x-windows": [tcp(6000...6063)], "junos-wais": [tcp(210)], "junos-winframe": [tcp(1494)],
    "junos-sccp": [tcp(2000)], "junos-mgcp-ua": [udp(2427)], "junos-mgcp-ca": [udp(2727)],
    "junos-tcp-any": [JuniperSRXConfig.Term(proto: 6)], "junos-udp-any": [JuniperSRXConfig.Term(proto: 17)],
    "junos-sctp-any": [JuniperSRXConfig.Term(proto: 132)], "junos-gre": [JuniperSRXConfig.Term(proto: 47)],
    "junos-ospf": [JuniperSRXConfig.Term(proto: 89)],
    "junos-icmp-all": [JuniperSRXConfig.Term(proto: 1)],
    "junos-icmp-ping": [JuniperSRXConfig.Term(proto: 1, icmpType: 8)],
    "junos-ping": [JuniperSRXConfig.Term(proto: 1, icmpType: 8)],
    "junos-icmp6-all": [JuniperSRXConfig.Term(proto: 58)],
    "junos-pingv6": [JuniperSRXConfig.Term(proto: 58, icmpType: 128)],
    "junos-icmp6-echo-request": [JuniperSRXConfig.Term(proto: 58, icmpType: 128)],
    "junos-icmp6-echo-reply": [JuniperSRXConfig.Term(proto: 58, icmpType: 129)],
  ]

  /// Port names `destination-port` and `source-port` accept (Junos OS, "Port Names Supported by Services
  /// Interfaces").
  static let ports: [String: UInt16] = [
    "afs": 1483, "bgp": 179, "biff": 512, "bootpc": 68, "bootps": 67, "cmd": 514, "cvspserver": 2401, "dhcp": 67,
    "domain": 53, "eklogin": 2105, "ekshell": 2106, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20,
    "http": 80, "https": 443, "ident": 113, "imap": 143, "kerberos-sec": 88, "klogin": 543, "kpasswd": 761,
    "krb-prop": 754, "krbupdate": 760, "kshell": 544, "ldap": 389, "ldp": 646, "login": 513, "mobileip-agent": 434,
    "mobilip-mn": 435, "msdp": 639, "netbios-dgm": 138, "netbios-ns": 137, "netbios-ssn": 139, "nfsd": 2049,
    "nntp": 119, "ntalk": 518, "ntp": 123, "pop3": 110, "pptp": 1723, "printer": 515, "radacct": 1813,
    "radius": 1812, "rip": 520, "rkinit": 2108, "smtp": 25, "snmp": 161, "snmp-trap": 162, "snpp": 444,
    "socks": 1080, "ssh": 22, "sunrpc": 111, "syslog": 514, "tacacs": 49, "tacacs-ds": 65, "talk": 517,
    "telnet": 23, "tftp": 69, "timed": 525, "who": 513, "xdmcp": 177,
  ]

  /// ICMP type names (`icmp-type echo-request`), RFC 792 numbers.
  static let icmpTypes: [String: UInt8] = [
    "echo-reply": 0, "unreachable": 3, "source-quench": 4, "redirect": 5, "echo-request": 8,
    "router-advertisement": 9, "router-solicit": 10, "time-exceeded": 11, "parameter-problem": 12, "timestamp": 13,
    "timestamp-reply": 14, "info-request": 15, "info-reply": 16, "mask-request": 17, "mask-reply": 18,
  ]

  /// ICMPv6 type names (`icmp6-type echo-request`), RFC 4443 / 4861 numbers.
  static let icmp6Types: [String: UInt8] = [
    "destination-unreachable": 1, "packet-too-big": 2, "time-exceeded": 3, "parameter-problem": 4,
    "echo-request": 128, "echo-reply": 129, "router-solicit": 133, "router-advertisement": 134,
    "neighbor-solicit": 135, "neighbor-advertisement": 136, "redirect": 137,
  ]

  /// A port range as Junos writes it: `80`, `1024-65535`, a port name.
  static func portRange(_ text: String) -> PortRange? {
    if let named = ports[text] { return PortRange(named) }
    return PortRange(Substring(text))
  }

  /// A protocol name or number (`tcp`, `icmp6`, `58`).
  static func proto(_ text: String) -> UInt8? {
    if text == "icmp6" || text == "icmpv6" { return 58 }
    return ProtocolNames.number(Substring(text))
  }
}
