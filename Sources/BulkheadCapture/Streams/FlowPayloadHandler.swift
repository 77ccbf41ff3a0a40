/// Per-flow receiver of in-order payload, created by a ``FlowPayloadConsumer`` when a flow starts.
///
/// A handler is the place for per-flow dissector state. Calls for one flow arrive in capture order on one thread.
public protocol FlowPayloadHandler: AnyObject {
  /// The next in-order bytes of one direction (TCP) or one datagram (UDP); `chunk.bytes` is valid only during the call.
  /// Returning ``FlowPayloadDemand/enough`` stops delivery for the rest of the flow: a flow no dissector recognises
  /// then costs nothing beyond the flow table.
  func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand
  /// Bytes that were never captured in one direction; the next chunk in that direction starts after them.
  func gap(_ gap: FlowGap)
  /// The flow ended (closed and idle, evicted, or the capture ended); `flow` holds its final counters.
  func flowDidEnd(_ flow: FlowRecord)
  /// Protocol facts to attach to the flow's record (e.g. `["protocol": "modbus", "operations": "read,write"]`),
  /// read once after ``flowDidEnd(_:)``.
  var annotations: [String: String] { get }
}

extension FlowPayloadHandler {
  /// No annotations by default.
  public var annotations: [String: String] { [:] }
}
