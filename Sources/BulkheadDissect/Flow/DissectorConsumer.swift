import BulkheadCapture

/// Attaches the dissector registry to a ``CaptureSession``'s flow table and collects one observation per flow.
///
/// Every TCP and UDP flow gets a handler; on its first payload (either direction) the handler picks a dissector by
/// content signature (``DissectorRegistry/select(firstPayload:transport:responderPort:)``), on any port. Flows no
/// signature matches stay unobserved and cost one signature check.
public final class DissectorConsumer: FlowPayloadConsumer {
  /// The dissectors tried, in order.
  public let dissectors: [any Dissector.Type]
  /// Observations of finished flows, by flow id.
  public private(set) var observations: [Int: ProtocolObservation] = [:]

  /// Creates a consumer trying `dissectors` (all registered ones by default).
  public init(dissectors: [any Dissector.Type] = DissectorRegistry.all) {
    self.dissectors = dissectors
  }

  public func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? {
    guard flow.transport == .tcp || flow.transport == .udp else { return nil }
    return DissectingFlowHandler(flow: flow, consumer: self)
  }

  func record(_ observation: ProtocolObservation, flowID: Int) {
    observations[flowID] = observation
  }

  /// Picks the dissector for a first payload, restricted to this consumer's list; port only breaks ties.
  func select(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol, responderPort: UInt16)
    -> (any Dissector.Type)?
  {
    var first: (any Dissector.Type)?
    for candidate in dissectors where candidate.transports.contains(transport) {
      guard candidate.matches(bytes, transport: transport) else { continue }
      if candidate.wellKnownPorts.contains(responderPort) { return candidate }
      if first == nil { first = candidate }
    }
    return first
  }
}
