import BulkheadCapture
import BulkheadModel

/// One concrete packet that proves a statement about a packet set (e.g. "this zone pair allows tcp/502").
public struct WitnessPacket: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Source address.
  public var source: IPAddress
  /// Destination address.
  public var destination: IPAddress
  /// TransportProtocol.
  public var transport: TransportProtocol
  /// Source port, for TCP and UDP.
  public var sourcePort: UInt16?
  /// Destination port, for TCP and UDP.
  public var destinationPort: UInt16?

  /// Creates a witness.
  public init(
    source: IPAddress, destination: IPAddress, transport: TransportProtocol, sourcePort: UInt16? = nil,
    destinationPort: UInt16? = nil
  ) {
    self.source = source
    self.destination = destination
    self.transport = transport
    self.sourcePort = sourcePort
    self.destinationPort = destinationPort
  }

  public var description: String {
    if let sourcePort, let destinationPort {
      return "\(transport) \(source):\(sourcePort) → \(destination):\(destinationPort)"
    }
    return "\(transport) \(source) → \(destination)"
  }
}
