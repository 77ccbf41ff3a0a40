import BulkheadCapture

/// A ``FrameHandler`` that is told where each frame came from, so its violations carry the packet and direction.
protocol FrameParser: FrameHandler {
  /// The direction of the bytes being framed.
  var direction: FlowDirection { get set }
  /// The capture packet that carried them.
  var packet: Int { get set }
  /// Malformed PDUs.
  var violations: ViolationLog { get set }
  /// Bytes are missing in one direction: forget state that spans frames there (default: nothing).
  mutating func gap(direction: FlowDirection)
}

extension FrameParser {
  mutating func gap(direction: FlowDirection) {}
}
