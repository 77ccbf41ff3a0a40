/// The buffers and sizes of a ``FlowTable``, behind one unsafe pointer so probing pays no exclusivity checks.
struct FlowTableStorage {
  var states: UnsafeMutablePointer<FlowState>
  var stateCapacity: Int
  /// One past the highest state index ever used.
  var highWater = 0
  var slots: UnsafeMutablePointer<Int32>
  var mask: Int
  var liveCount = 0
}
