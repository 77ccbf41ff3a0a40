/// A network service a flow uses: a catalog name (`modbus`) or a raw spec (`tcp/8530`), resolved to packet space.
public struct Service: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The name as written in the model (`modbus`, `tcp/8530`).
  public let name: String
  /// The packet space: protocol numbers and destination ports.
  public let ranges: [ServiceRange]
  /// The application protocol the dissectors name (`modbus`, `s7comm`), or `nil` for a raw spec.
  public let applicationProtocol: String?
  /// Whether the protocol authenticates its peers by design (used by zero-trust checks; `nil` when unknown).
  public let authenticates: Bool?
  /// Whether the protocol encrypts by design (TLS, SSH); `nil` when it depends on configuration (OPC UA).
  public let encrypts: Bool?

  /// Creates a service.
  public init(
    name: String, ranges: [ServiceRange], applicationProtocol: String? = nil, authenticates: Bool? = nil,
    encrypts: Bool? = nil
  ) {
    self.name = name
    self.ranges = ranges.sorted()
    self.applicationProtocol = applicationProtocol
    self.authenticates = authenticates
    self.encrypts = encrypts
  }

  /// Whether a packet with this protocol and destination port belongs to the service.
  public func contains(ipProtocol: UInt8, port: UInt16) -> Bool {
    ranges.contains { $0.contains(ipProtocol: ipProtocol, port: port) }
  }

  /// Whether the service is a raw spec (no application protocol).
  public var isRaw: Bool { applicationProtocol == nil }

  public var description: String { name }
}
