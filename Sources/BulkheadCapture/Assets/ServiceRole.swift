/// A part an asset played in observed flows: client or server of a transport port.
public struct ServiceRole: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Which side of the service.
  public enum Side: String, Hashable, Comparable, Sendable, Codable {
    case client, server

    public static func < (lhs: Side, rhs: Side) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// Client (initiated flows to the port) or server (answered on the port).
  public var side: Side
  /// The transport.
  public var transport: TransportProtocol
  /// The service (responder) port; 0 for transports without ports.
  public var port: UInt16

  /// Creates a role.
  public init(side: Side, transport: TransportProtocol, port: UInt16) {
    self.side = side
    self.transport = transport
    self.port = port
  }

  /// `server tcp/502`, `client udp/53`, `client icmp`.
  public var description: String {
    transport.hasPorts ? "\(side.rawValue) \(transport)/\(port)" : "\(side.rawValue) \(transport)"
  }

  public static func < (lhs: ServiceRole, rhs: ServiceRole) -> Bool {
    (lhs.transport, lhs.port, lhs.side) < (rhs.transport, rhs.port, rhs.side)
  }
}
