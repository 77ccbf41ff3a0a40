/// Receives the payload of flows as the flow table reassembles them: the hook dissectors attach to.
///
/// For every new flow the session asks ``flowDidStart(_:)`` for a handler; returning `nil` means "not interested",
/// and the session then skips reassembly for that flow entirely (the fast path).
///
/// A consumer that recognises flows by their content can also *screen datagram flows*: with
/// ``screensDatagrams`` on, a UDP flow gets no handler when it starts; each datagram with payload is shown to
/// ``screen(_:datagram:)`` instead, and ``flowDidStart(_:)`` is called (with the flow's original start) only when a
/// datagram is claimed. Most datagram flows in a plant are DNS, NTP or NetBIOS exchanges of two packets that no
/// dissector wants; screening spares each of them a handler and a stream.
public protocol FlowPayloadConsumer: AnyObject {
  /// A new flow was seen; return the handler that receives its payload, or `nil` to ignore it. For a screened
  /// datagram flow this is called when a datagram is claimed, with the same description.
  func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)?
  /// Whether datagram flows are screened before a handler is asked for (default: no).
  var screensDatagrams: Bool { get }
  /// Whether to take on a datagram flow, given one of its datagrams (only called when ``screensDatagrams`` is on;
  /// `datagram` is valid only during the call).
  func screen(_ flow: DatagramScreen, datagram: UnsafeRawBufferPointer) -> DatagramVerdict
}

extension FlowPayloadConsumer {
  /// Datagram flows get their handler when they start.
  public var screensDatagrams: Bool { false }
  /// Every datagram flow is claimed.
  public func screen(_ flow: DatagramScreen, datagram: UnsafeRawBufferPointer) -> DatagramVerdict { .claim }
}
