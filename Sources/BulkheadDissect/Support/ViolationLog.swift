import BulkheadCapture

/// Keeps the first violations in full and counts the rest.
struct ViolationLog {
  private(set) var kept: [ProtocolViolation] = []
  private(set) var count = 0

  mutating func record(_ code: String, _ message: String, packet: Int, direction: FlowDirection) {
    count += 1
    guard kept.count < ProtocolObservation.violationLimit else { return }
    kept.append(ProtocolViolation(packet: packet, direction: direction, code: code, message: message))
  }

  /// This log and another's, the kept violations in packet order (a layer's own and those of the protocol it
  /// carries).
  func merged(with other: ViolationLog) -> ViolationLog {
    guard other.count > 0 else { return self }
    guard count > 0 else { return other }
    var result = ViolationLog()
    result.kept = Array((kept + other.kept).sorted { $0.packet < $1.packet }.prefix(ProtocolObservation.violationLimit))
    result.count = count + other.count
    return result
  }
}
