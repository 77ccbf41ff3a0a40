import BulkheadCapture

/// One flow's dissector behind a class-bound existential: the concrete ``TypedFlowDissection`` holds the dissector
/// value inline, so a flow costs one allocation and each chunk one witness call (an `any Dissector` would add a heap
/// box, and a uniqueness check on it for every mutating call).
protocol FlowDissection: AnyObject {
  /// Consumes the next in-order bytes of one direction.
  func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int)
  /// Bytes are missing in one direction.
  func gap(direction: FlowDirection, packet: Int, length: Int)
  /// What the dissector saw.
  func observation() -> ProtocolObservation
}

extension Dissector {
  /// A fresh dissector of this type for one flow.
  static func dissection(transport: TransportProtocol) -> any FlowDissection {
    TypedFlowDissection(Self(transport: transport))
  }
}
