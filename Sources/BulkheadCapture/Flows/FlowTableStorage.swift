/// The buffers and sizes of a ``FlowTable``, behind one unsafe pointer so probing pays no exclusivity checks.
struct FlowTableStorage {
  /// Hot per-flow state, 128-byte aligned so each flow is one pair of cache lines.
  var states: UnsafeMutablePointer<FlowState>
  /// Cold per-flow state, same index.
  var cold: UnsafeMutablePointer<FlowColdState>
  var stateCapacity: Int
  /// One past the highest state index ever used.
  var highWater = 0
  /// Each slot: the upper 32 bits of the key's hash (a fingerprint) and the state index + 1 (0 = empty).
  var slots: UnsafeMutablePointer<UInt64>
  var mask: Int
  var liveCount = 0
}
