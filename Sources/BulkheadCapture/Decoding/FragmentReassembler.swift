/// Rebuilds fragmented IP datagrams so their transport header and payload reach the flow table (as tshark does: the
/// datagram counts once, on the frame that completes it). Bounded in datagrams held and in capture time.
final class FragmentReassembler {
  private struct Pending {
    var buffer: [UInt8]
    /// Received wire ranges (start, end) — enough to know when the datagram is whole.
    var ranges: [(Int, Int)]
    /// Captured bytes end before the wire bytes for some fragment (snaplen): the payload has a hole.
    var holeAt: Int?
    var totalLength: Int?
    var lastSeen: Int64
  }

  private var pending: [FragmentKey: Pending] = [:]
  private let limit: Int
  private let timeout: Int64 = 60_000_000_000
  /// The most recent completed datagram's bytes; valid until the next call to ``add``.
  private(set) var completed: [UInt8] = []
  /// Datagrams dropped because the table was full or they timed out.
  private(set) var abandoned = 0

  init(limit: Int) { self.limit = max(1, limit) }

  /// Adds one fragment; returns the captured length of the completed datagram's payload when this fragment completed
  /// it (bytes in ``completed``), and its wire length.
  func add(key: FragmentKey, offset: Int, more: Bool, bytes: UnsafeRawBufferPointer, wireLength: Int, time: Int64)
    -> (captured: Int, wire: Int)?
  {
    let endOffset = offset + wireLength
    guard endOffset <= 0x1_0000 + 0xffff else { return nil }
    if pending[key] == nil {
      if pending.count >= limit { evict(now: time) }
      if pending.count >= limit, let oldest = pending.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
        pending[oldest] = nil
        abandoned += 1
      }
      pending[key] = Pending(buffer: [], ranges: [], holeAt: nil, totalLength: nil, lastSeen: time)
    }
    guard var entry = pending[key] else { return nil }
    pending[key] = nil
    if entry.buffer.count < endOffset {
      entry.buffer.append(contentsOf: repeatElement(0, count: endOffset - entry.buffer.count))
    }
    let copied = min(bytes.count, wireLength)
    entry.buffer.withUnsafeMutableBytes { target in
      if copied > 0, let source = bytes.baseAddress, let destination = target.baseAddress {
        (destination + offset).copyMemory(from: source, byteCount: copied)
      }
    }
    if copied < wireLength { entry.holeAt = min(entry.holeAt ?? Int.max, offset + copied) }
    entry.ranges.append((offset, endOffset))
    if !more { entry.totalLength = endOffset }
    entry.lastSeen = time
    if let total = entry.totalLength, covers(entry.ranges, total) {
      completed = Array(entry.buffer.prefix(total))
      return (min(entry.holeAt ?? total, total), total)
    }
    pending[key] = entry
    return nil
  }

  private func covers(_ ranges: [(Int, Int)], _ total: Int) -> Bool {
    var reached = 0
    for range in ranges.sorted(by: { $0.0 < $1.0 }) {
      if range.0 > reached { return false }
      reached = max(reached, range.1)
    }
    return reached >= total
  }

  private func evict(now: Int64) {
    let before = pending.count
    pending = pending.filter { now - $0.value.lastSeen <= timeout }
    abandoned += before - pending.count
  }

  /// Datagrams still incomplete.
  var pendingCount: Int { pending.count }
}
