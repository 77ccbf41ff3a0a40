/// One slice of packet space a service uses: an IP protocol number and a destination port range.
///
/// For protocols without ports (ICMP, ICMPv6, GRE, ESP, …) `ports` is ``PortRange/all`` and carries no meaning.
public struct ServiceRange: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The IP protocol number (IANA "Assigned Internet Protocol Numbers"): 6 TCP, 17 UDP, 1 ICMP, …
  public let ipProtocol: UInt8
  /// The destination (responder) ports.
  public let ports: PortRange

  /// TCP (RFC 9293).
  public static let tcp: UInt8 = 6
  /// UDP (RFC 768).
  public static let udp: UInt8 = 17
  /// ICMP (RFC 792).
  public static let icmp: UInt8 = 1
  /// ICMPv6 (RFC 4443).
  public static let icmpv6: UInt8 = 58
  /// SCTP (RFC 9260).
  public static let sctp: UInt8 = 132

  /// Creates a range.
  public init(ipProtocol: UInt8, ports: PortRange = .all) {
    self.ipProtocol = ipProtocol
    self.ports = ServiceRange.hasPorts(ipProtocol) ? ports : .all
  }

  /// Whether the protocol carries port numbers (TCP, UDP, SCTP, UDP-Lite, DCCP).
  public static func hasPorts(_ ipProtocol: UInt8) -> Bool { [6, 17, 33, 132, 136].contains(ipProtocol) }

  /// Whether a packet with this protocol and destination port lies in the range.
  public func contains(ipProtocol: UInt8, port: UInt16) -> Bool {
    self.ipProtocol == ipProtocol && (!ServiceRange.hasPorts(ipProtocol) || ports.contains(port))
  }

  /// The protocol's name as a raw spec uses it (`tcp`), or its number.
  public var protocolName: String { ServiceCatalog.protocolNames[ipProtocol] ?? String(ipProtocol) }

  /// `tcp/502`, `udp/1000-2000`, `tcp/any`, `icmp`.
  public var description: String {
    guard ServiceRange.hasPorts(ipProtocol) else { return protocolName }
    return "\(protocolName)/\(ports == .all ? "any" : ports.description)"
  }

  public static func < (lhs: ServiceRange, rhs: ServiceRange) -> Bool {
    lhs.ipProtocol != rhs.ipProtocol ? lhs.ipProtocol < rhs.ipProtocol : lhs.ports < rhs.ports
  }
}
