import BulkheadModel

/// One concrete packet as the tracer sees it: the header fields rules can match, and the interfaces it crosses.
public struct Packet: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Source address.
  public var source: IPAddress
  /// Destination address (same family as the source).
  public var destination: IPAddress
  /// IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6…).
  public var proto: UInt8
  /// Source port (port-carrying protocols only; 0 otherwise).
  public var sourcePort: UInt16
  /// Destination port (port-carrying protocols only; 0 otherwise).
  public var destinationPort: UInt16
  /// ICMP type (ICMP/ICMPv6 only).
  public var icmpType: UInt8
  /// ICMP code (ICMP/ICMPv6 only).
  public var icmpCode: UInt8
  /// Input interface name, when the packet arrived on one.
  public var inInterface: String?
  /// Output interface name, when the packet leaves through one.
  public var outInterface: String?
  /// Conntrack state.
  public var state: ConnectionState

  /// Creates a packet.
  public init(
    source: IPAddress, destination: IPAddress, proto: UInt8, sourcePort: UInt16 = 0, destinationPort: UInt16 = 0,
    icmpType: UInt8 = 0, icmpCode: UInt8 = 0, inInterface: String? = nil, outInterface: String? = nil,
    state: ConnectionState = .new
  ) {
    self.source = source
    self.destination = destination
    self.proto = proto
    self.sourcePort = sourcePort
    self.destinationPort = destinationPort
    self.icmpType = icmpType
    self.icmpCode = icmpCode
    self.inInterface = inInterface
    self.outInterface = outInterface
    self.state = state
  }

  /// Whether the protocol carries TCP/UDP-style ports.
  public var hasPorts: Bool { Match.portProtocols.contains(proto) }

  /// Whether the protocol is ICMP of the packet's family.
  public var isICMP: Bool { (proto == 1 && source.family == .v4) || (proto == 58 && source.family == .v6) }

  public var description: String {
    let name = ProtocolNames.name(of: proto)
    var text = "\(source) -> \(destination) \(name)"
    if hasPorts { text += " \(sourcePort) -> \(destinationPort)" }
    if isICMP { text += " type \(icmpType) code \(icmpCode)" }
    if let inInterface { text += " in \(inInterface)" }
    if let outInterface { text += " out \(outInterface)" }
    return text + " state \(state.rawValue)"
  }
}
