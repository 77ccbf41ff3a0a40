/// One line of an allowed-traffic summary: a protocol with a port (or ICMP type) range, and one witness packet.
public struct ServiceSummary: Hashable, Sendable, Encodable, CustomStringConvertible {
  /// Protocol numbers covered (a single protocol for TCP/UDP/ICMP lines, a run for the others).
  public var protocols: ClosedRange<UInt8>
  /// Destination port range (port-carrying protocols), or `nil`.
  public var ports: ClosedRange<UInt16>?
  /// ICMP type range, or `nil`.
  public var icmpTypes: ClosedRange<UInt8>?
  /// Whether this line stands for every service (every protocol, port and ICMP type, both families), for at
  /// least some of the addresses queried.
  public var isAnything: Bool
  /// One concrete packet of the set this line describes.
  public var witness: Packet

  /// Creates a summary line.
  public init(
    protocols: ClosedRange<UInt8>, ports: ClosedRange<UInt16>? = nil, icmpTypes: ClosedRange<UInt8>? = nil,
    isAnything: Bool = false, witness: Packet
  ) {
    self.protocols = protocols
    self.ports = ports
    self.icmpTypes = icmpTypes
    self.isAnything = isAnything
    self.witness = witness
  }

  /// `tcp/502`, `udp/1024-65535`, `icmp type 8`, `proto 47`, `any`.
  public var service: String {
    if isAnything { return "any" }
    let name: String
    if protocols.lowerBound == protocols.upperBound {
      name = ProtocolNames.name(of: protocols.lowerBound)
    } else {
      name = "proto \(protocols.lowerBound)-\(protocols.upperBound)"
    }
    if let ports {
      if ports == 0...65535 { return "\(name)/any" }
      return ports.lowerBound == ports.upperBound
        ? "\(name)/\(ports.lowerBound)" : "\(name)/\(ports.lowerBound)-\(ports.upperBound)"
    }
    if let icmpTypes {
      if icmpTypes == 0...255 { return "\(name) any type" }
      return icmpTypes.lowerBound == icmpTypes.upperBound
        ? "\(name) type \(icmpTypes.lowerBound)" : "\(name) type \(icmpTypes.lowerBound)-\(icmpTypes.upperBound)"
    }
    if protocols.lowerBound == protocols.upperBound, name.allSatisfy(\.isNumber) { return "proto \(name)" }
    return name
  }

  public var description: String { "\(service)  e.g. \(witness)" }

  private enum CodingKeys: String, CodingKey {
    case service, protocols, ports, icmpTypes, isAnything, witness
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(service, forKey: .service)
    try c.encode([protocols.lowerBound, protocols.upperBound], forKey: .protocols)
    if let ports { try c.encode([ports.lowerBound, ports.upperBound], forKey: .ports) }
    if let icmpTypes { try c.encode([icmpTypes.lowerBound, icmpTypes.upperBound], forKey: .icmpTypes) }
    try c.encode(isAnything, forKey: .isAnything)
    try c.encode(witness, forKey: .witness)
  }
}
