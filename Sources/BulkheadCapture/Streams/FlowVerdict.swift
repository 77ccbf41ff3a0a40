/// A screening consumer's answer for the next payload of a flow it has not yet taken on.
public enum FlowVerdict {
  /// Take the flow on with this handler, which receives the screened payload and everything after it.
  case claim(any FlowPayloadHandler)
  /// Not recognised; screen the flow's next payload.
  case later
  /// Never: the flow's payload is not delivered (the flow is still counted and tracked).
  case never
}
