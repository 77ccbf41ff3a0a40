import BulkheadCapture
import BulkheadModel

/// A compact service: one transport and a destination port range (`tcp/502`, `udp/1024-65535`, `icmp`).
public struct ServiceSpan: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The transport.
  public var transport: TransportProtocol
  /// Destination ports; `nil` for transports without ports.
  public var ports: PortRange?

  /// Creates a span.
  public init(_ transport: TransportProtocol, ports: PortRange? = nil) {
    self.transport = transport
    self.ports = transport.hasPorts ? (ports ?? .all) : nil
  }

  /// Whether the span covers every port of its transport.
  public var isAnyPort: Bool { ports == .all }

  public var description: String {
    guard let ports else { return transport.description }
    return ports == .all ? "\(transport)/any" : "\(transport)/\(ports)"
  }

  public static func < (lhs: ServiceSpan, rhs: ServiceSpan) -> Bool {
    if lhs.transport != rhs.transport { return lhs.transport < rhs.transport }
    return (lhs.ports ?? .all) < (rhs.ports ?? .all)
  }
}
