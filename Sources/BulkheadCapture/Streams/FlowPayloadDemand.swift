/// What a ``FlowPayloadHandler`` wants after a chunk: more of the flow's payload, or none of it.
public enum FlowPayloadDemand: Sendable {
  /// Keep delivering chunks and gaps.
  case more
  /// Deliver nothing more of this flow (no dissector claimed it, or the handler has what it needs); the session
  /// still tracks the flow's sequence numbers for its counters and calls ``FlowPayloadHandler/flowDidEnd(_:)``.
  case enough
}
