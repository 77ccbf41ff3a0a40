/// A screening consumer's answer for one datagram of a flow it has not yet taken on.
public enum DatagramVerdict: Sendable {
  /// Take the flow on: the session asks ``FlowPayloadConsumer/flowDidStart(_:)`` for a handler now and delivers this
  /// datagram to it.
  case claim
  /// Not recognised; screen the flow's next datagram with payload.
  case later
  /// Never: the flow's payload is not delivered (the flow is still counted and tracked).
  case never
}
