/// Receives the payload of flows as the flow table reassembles them: the hook dissectors attach to.
///
/// For every new flow the session asks ``flowDidStart(_:)`` for a handler; returning `nil` means "not interested",
/// and the session then skips reassembly for that flow entirely (the fast path).
///
/// A consumer that recognises flows by their content can *screen* them instead: with ``screensFlows`` on, no flow
/// gets a handler when it starts. Its payload is shown to ``screen(_:payload:)`` — each datagram of a UDP (or ICMP or
/// other non-TCP) flow, and each run of in-order TCP bytes (reassembly and its counters run as for any other flow) —
/// until the consumer claims the flow with a handler or gives up on it. Most flows of a plant that no dissector wants
/// (DNS, NTP, TLS) then never cost a handler, and a claimed flow's handler can be made for the protocol that matched.
public protocol FlowPayloadConsumer: AnyObject {
  /// A new flow was seen; return the handler that receives its payload, or `nil` to ignore it (not called when
  /// ``screensFlows`` is on).
  func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)?
  /// Whether flows are screened before a handler is made (default: no).
  var screensFlows: Bool { get }
  /// Whether to take on a flow, given its next payload (only called when ``screensFlows`` is on; `payload` is valid
  /// only during the call and is never empty).
  func screen(_ flow: FlowScreen, payload: UnsafeRawBufferPointer) -> FlowVerdict
}

extension FlowPayloadConsumer {
  /// Flows get their handler when they start.
  public var screensFlows: Bool { false }
  /// Never called unless ``screensFlows`` is on.
  public func screen(_ flow: FlowScreen, payload: UnsafeRawBufferPointer) -> FlowVerdict { .never }
}
