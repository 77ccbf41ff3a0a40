/// Why a flow was finished and emitted.
public enum FlowEndReason: String, Hashable, Sendable, Codable {
  /// No packet for longer than the idle timeout.
  case idle
  /// A new SYN with a different initial sequence number reused the same addresses and ports.
  case portReused = "port-reused"
  /// The capture ended while the flow was live.
  case captureEnd = "capture-end"
}
