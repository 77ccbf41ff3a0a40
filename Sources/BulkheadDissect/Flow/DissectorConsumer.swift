import BulkheadCapture

/// Attaches the dissector registry to a ``CaptureSession``'s flow table and collects one observation per flow.
///
/// Every TCP and UDP flow gets a handler; on its first payload (either direction) the handler picks a dissector by
/// content signature (``DissectorRegistry/select(firstPayload:transport:responderPort:)``), on any port. Flows no
/// signature matches stay unobserved: after a few failed signature checks their payload is no longer delivered.
public final class DissectorConsumer: FlowPayloadConsumer {
  /// The dissectors tried, in order.
  public let dissectors: [any Dissector.Type]
  private let candidates: [DissectorCandidate]
  /// Observations of finished flows, by flow id.
  public private(set) var observations: [Int: ProtocolObservation] = [:]

  /// Creates a consumer trying `dissectors` (all registered ones by default).
  public init(dissectors: [any Dissector.Type] = DissectorRegistry.all) {
    self.dissectors = dissectors
    candidates = dissectors.map(DissectorCandidate.init)
  }

  public func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? {
    guard flow.transport == .tcp || flow.transport == .udp else { return nil }
    return DissectingFlowHandler(flow: flow, consumer: self)
  }

  /// Keeps a finished flow's observation.
  func record(_ observation: consuming ProtocolObservation, flowID: Int) {
    observations[flowID] = observation
  }

  /// Picks the dissector for a first payload, restricted to this consumer's list; port only breaks ties.
  func select(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol, responderPort: UInt16)
    -> DissectorCandidate?
  {
    var first: DissectorCandidate?
    for candidate in candidates where candidate.runs(over: transport) {
      guard candidate.type.matches(bytes, transport: transport) else { continue }
      if candidate.servesPort(responderPort) { return candidate }
      if first == nil { first = candidate }
    }
    return first
  }
}
