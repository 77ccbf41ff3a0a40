import BulkheadCapture

/// The TCP/UDP conversation table of `tshark -q -z conv,tcp -z conv,udp`, as stored in `tshark-ref/*.txt`, and the
/// same table computed from Bulkhead's flows, in one comparable form.
struct TsharkConversations: Equatable {
  /// One conversation: endpoints sorted as text, frames and formatted bytes from each.
  struct Row: Hashable, Comparable, CustomStringConvertible {
    var transport: String
    var low: String
    var high: String
    var framesFromLow: Int
    var bytesFromLow: String
    var framesFromHigh: Int
    var bytesFromHigh: String

    var description: String {
      "\(transport) \(low) <-> \(high): \(framesFromLow) frames \(bytesFromLow) / \(framesFromHigh) frames \(bytesFromHigh)"
    }

    static func < (l: Row, r: Row) -> Bool { l.description < r.description }
  }

  var rows: [Row]

  /// tshark 4.0's `format_size` with SI units: integer division, a unit only from 10 of it upwards.
  static func formatBytes(_ bytes: UInt64) -> String {
    let units: [(UInt64, String)] = [
      (1_000_000_000_000, "TB"), (1_000_000_000, "GB"), (1_000_000, "MB"), (1000, "kB"),
    ]
    for (size, unit) in units where bytes / size >= 10 { return "\(bytes / size) \(unit)" }
    return "\(bytes) bytes"
  }

  static func row(
    transport: String, _ a: String, _ framesFromA: Int, _ bytesFromA: String, _ b: String,
    _ framesFromB: Int, _ bytesFromB: String
  ) -> Row {
    a <= b
      ? Row(
        transport: transport, low: a, high: b, framesFromLow: framesFromA, bytesFromLow: bytesFromA,
        framesFromHigh: framesFromB, bytesFromHigh: bytesFromB)
      : Row(
        transport: transport, low: b, high: a, framesFromLow: framesFromB, bytesFromLow: bytesFromB,
        framesFromHigh: framesFromA, bytesFromHigh: bytesFromA)
  }

  /// Parses the reference text; nil when it has no conversation sections.
  init?(reference text: String) {
    var rows: [Row] = []
    var transport: String?
    var found = false
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      if line.hasPrefix("TCP Conversations") {
        transport = "tcp"
        found = true
        continue
      }
      if line.hasPrefix("UDP Conversations") {
        transport = "udp"
        found = true
        continue
      }
      if line.hasPrefix("# command 2") { break }
      guard let transport, line.contains(" <-> ") else { continue }
      let tokens = line.split(separator: " ").map(String.init)
      // A <-> B  framesBtoA n unit  framesAtoB n unit  total n unit  start duration
      guard tokens.count >= 12, tokens[1] == "<->", let fromB = Int(tokens[3]), let fromA = Int(tokens[6]) else {
        return nil
      }
      rows.append(
        Self.row(
          transport: transport, tokens[0], fromA, tokens[7] + " " + tokens[8], tokens[2], fromB,
          tokens[4] + " " + tokens[5]))
    }
    guard found else { return nil }
    self.rows = rows.sorted()
  }

  /// The table Bulkhead's flows give.
  init(flows: [FlowRecord]) {
    var rows: [Row] = []
    for flow in flows where flow.transport == .tcp || flow.transport == .udp {
      let a = "\(flow.initiator):\(flow.initiatorPort)"
      let b = "\(flow.responder):\(flow.responderPort)"
      rows.append(
        Self.row(
          transport: flow.transport.description, a, Int(flow.packetsFromInitiator),
          Self.formatBytes(flow.bytesFromInitiator), b, Int(flow.packetsFromResponder),
          Self.formatBytes(flow.bytesFromResponder)))
    }
    self.rows = rows.sorted()
  }

  /// Rows only in `self`, and rows only in `other` (multiset difference).
  func difference(from other: TsharkConversations) -> (onlyHere: [Row], onlyThere: [Row]) {
    var counts: [Row: Int] = [:]
    for row in rows { counts[row, default: 0] += 1 }
    for row in other.rows { counts[row, default: 0] -= 1 }
    var here: [Row] = []
    var there: [Row] = []
    for (row, n) in counts {
      if n > 0 { here += Array(repeating: row, count: n) }
      if n < 0 { there += Array(repeating: row, count: -n) }
    }
    return (here.sorted(), there.sorted())
  }
}
