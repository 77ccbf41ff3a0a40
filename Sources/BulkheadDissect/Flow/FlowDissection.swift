import BulkheadCapture

/// One flow's dissector. The concrete ``TypedFlowDissection`` holds the dissector value inline, so a flow costs one
/// allocation; the handler keeps it unmanaged and calls through a guaranteed reference, so a chunk costs one virtual
/// call and no reference counting (an `any Dissector` would add a heap box and a uniqueness check per mutating
/// call; a class-bound existential in a `var` a retain and a release per call).
///
/// Only ``TypedFlowDissection`` can be made (the initializer is file-private); these bodies are never reached.
class FlowDissection {
  fileprivate init() {}

  /// Consumes the next in-order bytes of one direction.
  func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {}
  /// Bytes are missing in one direction.
  func gap(direction: FlowDirection, packet: Int, length: Int) {}
  /// What the dissector saw (nothing, for this abstract base).
  func observation() -> ProtocolObservation? { nil }
}

/// A ``FlowDissection`` for one concrete dissector type, the value stored inline.
final class TypedFlowDissection<Wrapped: Dissector>: FlowDissection {
  // Only the owning flow handler calls in, one call at a time: the dynamic exclusivity check a mutated class
  // property would pay per chunk is switched off.
  @exclusivity(unchecked) private var dissector: Wrapped

  init(_ dissector: Wrapped) {
    self.dissector = dissector
    super.init()
  }

  override func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    dissector.consume(bytes, direction: direction, packet: packet)
  }

  override func gap(direction: FlowDirection, packet: Int, length: Int) {
    dissector.gap(direction: direction, packet: packet, length: length)
  }

  override func observation() -> ProtocolObservation? { dissector.observation() }
}

extension Dissector {
  /// A fresh dissector of this type for one flow.
  static func dissection(transport: TransportProtocol) -> FlowDissection {
    TypedFlowDissection(Self(transport: transport))
  }
}
