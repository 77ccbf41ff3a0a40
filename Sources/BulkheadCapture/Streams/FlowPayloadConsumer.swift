/// Receives the payload of flows as the flow table reassembles them: the hook dissectors attach to.
///
/// For every new flow the session asks ``flowDidStart(_:)`` for a handler; returning `nil` means "not interested",
/// and the session then skips reassembly for that flow entirely (the fast path).
public protocol FlowPayloadConsumer: AnyObject {
  /// A new flow was seen; return the handler that receives its payload, or `nil` to ignore it.
  func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)?
}
