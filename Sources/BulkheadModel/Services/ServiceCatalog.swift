/// The built-in services a model may name, and the parser for raw specs (`tcp/502`, `udp/1000-2000`, `icmp`).
///
/// Ports are the IANA registrations each protocol's specification names; application protocol ids are the names the
/// dissectors use.
public struct ServiceCatalog: Sendable {
  /// The services by name.
  public let services: [String: Service]

  /// Creates a catalog from services (later names win).
  public init(_ services: [Service]) {
    var byName: [String: Service] = [:]
    for service in services { byName[service.name] = service }
    self.services = byName
  }

  /// Why a service text could not be resolved.
  public enum Problem: Error, Hashable, Sendable {
    /// Neither a catalog name nor a raw spec (`modbsu`).
    case unknownName(String)
    /// Looks like a raw spec but is malformed (`tcp/70000`, `udp/20-10`, `icmp/7`).
    case malformedSpec(String, reason: String)
  }

  /// Resolves a catalog name (any case) or a raw spec.
  public func resolve(_ text: String) -> Result<Service, Problem> {
    let name = text.lowercased()
    if let service = services[name] { return .success(service) }
    if name.contains("/") || ServiceCatalog.protocolNumbers[name] != nil || UInt8(name) != nil {
      return ServiceCatalog.parseRaw(text)
    }
    return .failure(.unknownName(text))
  }

  /// The catalog services containing a packet with this protocol and destination port, sorted by name.
  public func services(ipProtocol: UInt8, port: UInt16) -> [Service] {
    services.values.filter { $0.contains(ipProtocol: ipProtocol, port: port) }.sorted { $0.name < $1.name }
  }

  /// Raw protocol names and their IANA numbers.
  public static let protocolNumbers: [String: UInt8] = [
    "icmp": 1, "igmp": 2, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ah": 51, "icmpv6": 58, "ipv6-icmp": 58,
    "sctp": 132,
  ]

  /// IANA numbers and their preferred names.
  public static let protocolNames: [UInt8: String] = [
    1: "icmp", 2: "igmp", 6: "tcp", 17: "udp", 47: "gre", 50: "esp", 51: "ah", 58: "icmpv6", 132: "sctp",
  ]

  /// Parses `PROTO`, `PROTO/PORT`, `PROTO/LOW-HIGH`, `PROTO/any` or `PROTO/PORT,PORT…`; PROTO is a name or number.
  public static func parseRaw(_ text: String) -> Result<Service, Problem> {
    let lowered = text.lowercased()
    let parts = lowered.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    let protoText = String(parts[0])
    guard let proto = protocolNumbers[protoText] ?? UInt8(protoText) else {
      return .failure(.malformedSpec(text, reason: "unknown IP protocol '\(protoText)'"))
    }
    guard parts.count == 2 else {
      return .success(Service(name: lowered, ranges: [ServiceRange(ipProtocol: proto)]))
    }
    let portText = parts[1]
    guard ServiceRange.hasPorts(proto) else {
      return .failure(.malformedSpec(text, reason: "'\(protoText)' has no ports"))
    }
    if portText == "any" || portText == "*" {
      return .success(Service(name: lowered, ranges: [ServiceRange(ipProtocol: proto, ports: .all)]))
    }
    var ranges: [ServiceRange] = []
    for piece in portText.split(separator: ",", omittingEmptySubsequences: false) {
      // Only `-` separates a range here: `:` would be ambiguous beside IPv6 in other contexts.
      guard !piece.contains(":"), let range = PortRange(piece) else {
        return .failure(.malformedSpec(text, reason: "'\(piece)' is not a port or port range 0-65535"))
      }
      ranges.append(ServiceRange(ipProtocol: proto, ports: range))
    }
    return .success(Service(name: lowered, ranges: ranges))
  }

  /// The built-in catalog.
  public static let standard = ServiceCatalog(builtIn)

  private static func tcp(_ port: UInt16) -> ServiceRange {
    ServiceRange(ipProtocol: ServiceRange.tcp, ports: .init(port))
  }
  private static func udp(_ port: UInt16) -> ServiceRange {
    ServiceRange(ipProtocol: ServiceRange.udp, ports: .init(port))
  }

  // Sources: Modbus Messaging on TCP/IP Implementation Guide v1.0b §4.1 (502; 802 for Modbus/TCP Security);
  // IEC 62541-6 §7.2 (OPC UA 4840); RFC 1006 (ISO-TSAP 102, S7comm); IEEE 1815 (DNP3 20000);
  // ODVA CIP Vol. 2 (EtherNet/IP 44818, implicit I/O udp/2222); ASHRAE 135 Annex J (BACnet/IP 47808);
  // IEC 60870-5-104 §10 (2404; 19998 with IEC 62351-3 TLS); OASIS MQTT 5.0 §4.2 (1883, 8883); IANA registry otherwise.
  private static let builtIn: [Service] = [
    Service(name: "modbus", ranges: [tcp(502)], applicationProtocol: "modbus", authenticates: false, encrypts: false),
    Service(name: "modbus-tls", ranges: [tcp(802)], applicationProtocol: "modbus", authenticates: true, encrypts: true),
    Service(name: "opcua", ranges: [tcp(4840)], applicationProtocol: "opcua"),
    Service(name: "s7comm", ranges: [tcp(102)], applicationProtocol: "s7comm", authenticates: false, encrypts: false),
    // S7comm-Plus V3 protects integrity with a session key, and with TLS (TIA Portal V17 on) encrypts: per flow.
    Service(name: "s7comm-plus", ranges: [tcp(102)], applicationProtocol: "s7comm-plus"),
    // IEC 61850-8-1 MMS: ACSE authentication is optional, encryption needs IEC 62351-4 TLS (port 3782).
    Service(name: "mms", ranges: [tcp(102)], applicationProtocol: "mms", encrypts: false),
    // RFC 1006 ISO transport whose payload is not recognised (IANA: iso-tsap).
    Service(name: "iso-tsap", ranges: [tcp(102)], applicationProtocol: "cotp"),
    Service(
      name: "dnp3", ranges: [tcp(20000), udp(20000)], applicationProtocol: "dnp3", authenticates: false,
      encrypts: false),
    Service(
      name: "enip", ranges: [tcp(44818), udp(2222), udp(44818)], applicationProtocol: "enip", authenticates: false,
      encrypts: false),
    Service(name: "bacnet", ranges: [udp(47808)], applicationProtocol: "bacnet", authenticates: false, encrypts: false),
    Service(name: "iec104", ranges: [tcp(2404)], applicationProtocol: "iec104", authenticates: false, encrypts: false),
    Service(name: "mqtt", ranges: [tcp(1883)], applicationProtocol: "mqtt", encrypts: false),
    Service(name: "mqtts", ranges: [tcp(8883)], applicationProtocol: "mqtt", encrypts: true),
    Service(name: "https", ranges: [tcp(443)], applicationProtocol: "tls", encrypts: true),
    Service(name: "http", ranges: [tcp(80)], applicationProtocol: "http", encrypts: false),
    Service(name: "ssh", ranges: [tcp(22)], applicationProtocol: "ssh", authenticates: true, encrypts: true),
    Service(name: "rdp", ranges: [tcp(3389)], applicationProtocol: "rdp", authenticates: true, encrypts: true),
    Service(name: "vnc", ranges: [tcp(5900)], applicationProtocol: "vnc"),
    Service(name: "smb", ranges: [tcp(445)], applicationProtocol: "smb", authenticates: true),
    Service(
      name: "dns", ranges: [tcp(53), udp(53)], applicationProtocol: "dns", authenticates: false, encrypts: false),
    Service(name: "ntp", ranges: [udp(123)], applicationProtocol: "ntp", authenticates: false, encrypts: false),
    Service(name: "snmp", ranges: [udp(161)], applicationProtocol: "snmp"),
    Service(name: "syslog", ranges: [udp(514)], applicationProtocol: "syslog", authenticates: false, encrypts: false),
    Service(name: "ftp", ranges: [tcp(21)], applicationProtocol: "ftp", authenticates: true, encrypts: false),
    Service(name: "telnet", ranges: [tcp(23)], applicationProtocol: "telnet", authenticates: true, encrypts: false),
    Service(name: "ldap", ranges: [tcp(389)], applicationProtocol: "ldap"),
    Service(name: "kerberos", ranges: [tcp(88), udp(88)], applicationProtocol: "kerberos", authenticates: true),
    Service(name: "mssql", ranges: [tcp(1433)], applicationProtocol: "tds"),
    Service(name: "icmp", ranges: [ServiceRange(ipProtocol: ServiceRange.icmp)], applicationProtocol: "icmp"),
    Service(name: "icmpv6", ranges: [ServiceRange(ipProtocol: ServiceRange.icmpv6)], applicationProtocol: "icmpv6"),
  ]
}
