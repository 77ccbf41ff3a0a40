/// One flow a conduit allows: who opens it (`from`), who answers (`to`), over which services, doing what.
public struct ConduitFlow: Hashable, Sendable, Codable {
  /// The initiator (client side).
  public var from: FlowEndpoint
  /// The responder (server side).
  public var to: FlowEndpoint
  /// The services, resolved against the catalog (an unknown service is reported, BH205, and left out).
  public var services: [Service]
  /// The allowed operations; empty means the model does not restrict them.
  public var operations: [OperationClass]
  /// The required message security; `nil` means the model does not say.
  public var security: SecurityRequirement?
  /// Free text.
  public var description: String?
  /// Where the flow and each of its fields were written.
  public var locations: NodeLocations

  /// Creates a flow.
  public init(
    from: FlowEndpoint, to: FlowEndpoint, services: [Service], operations: [OperationClass] = [],
    security: SecurityRequirement? = nil, description: String? = nil, locations: NodeLocations
  ) {
    self.from = from
    self.to = to
    self.services = services
    self.operations = operations
    self.security = security
    self.description = description
    self.locations = locations
  }

  /// Where the flow was written.
  public var location: SourceLocation { locations.entity }

  /// Whether the flow allows `operation` (every operation when the model lists none).
  public func allows(_ operation: OperationClass) -> Bool { operations.isEmpty || operations.contains(operation) }
}
