/// A declared flow resolved to packet space: source and destination blocks and the services' protocol/port ranges.
///
/// This is the form the reconciliation stages compare firewall rules and observed traffic against.
public struct ResolvedFlow: Hashable, Sendable, Codable {
  /// The conduit that declares the flow.
  public var conduit: String
  /// The flow's position in its conduit's `flows` list.
  public var index: Int
  /// The flow as written.
  public var flow: ConduitFlow
  /// The initiator's address blocks.
  public var sources: [IPNetwork]
  /// The responder's address blocks.
  public var destinations: [IPNetwork]
  /// The destination protocol/port ranges of all the flow's services, sorted and without duplicates.
  public var ranges: [ServiceRange]

  /// Creates a resolved flow.
  public init(
    conduit: String, index: Int, flow: ConduitFlow, sources: [IPNetwork], destinations: [IPNetwork],
    ranges: [ServiceRange]
  ) {
    self.conduit = conduit
    self.index = index
    self.flow = flow
    self.sources = sources
    self.destinations = destinations
    self.ranges = ranges
  }

  /// Whether a packet from `source` to `destination` with this protocol and destination port is declared by the flow.
  public func matches(source: IPAddress, destination: IPAddress, ipProtocol: UInt8, port: UInt16) -> Bool {
    sources.contains { $0.contains(source) } && destinations.contains { $0.contains(destination) }
      && ranges.contains { $0.contains(ipProtocol: ipProtocol, port: port) }
  }

  /// Where the flow was written.
  public var location: SourceLocation { flow.location }
}
