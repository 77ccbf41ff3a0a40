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
}
