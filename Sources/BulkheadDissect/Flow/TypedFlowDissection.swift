import BulkheadCapture

/// A ``FlowDissection`` for one concrete dissector type, the value stored inline.
final class TypedFlowDissection<Wrapped: Dissector>: FlowDissection {
  // Only the owning flow handler calls in, one call at a time: the dynamic exclusivity check a mutated class
  // property would pay per chunk is switched off.
  @exclusivity(unchecked) private var dissector: Wrapped

  init(_ dissector: Wrapped) {
    self.dissector = dissector
  }

  func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    dissector.consume(bytes, direction: direction, packet: packet)
  }

  func gap(direction: FlowDirection, packet: Int, length: Int) {
    dissector.gap(direction: direction, packet: packet, length: length)
  }

  func observation() -> ProtocolObservation { dissector.observation() }
}
