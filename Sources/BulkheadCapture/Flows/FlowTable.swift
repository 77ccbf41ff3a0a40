/// An open-addressing hash table (linear probing, backward-shift deletion) from ``FlowKey`` to ``FlowState``.
///
/// States live in one manually managed array with a free list; slots hold state indices. No per-packet allocation,
/// no reference counting on the hot path. Memory grows with the number of live flows only.
final class FlowTable {
  private(set) var states: UnsafeMutablePointer<FlowState>
  private var stateCapacity: Int
  /// One past the highest state index ever used.
  private(set) var highWater = 0
  private var freeList: [Int32] = []
  private var slots: UnsafeMutablePointer<Int32>
  private var mask: Int
  private(set) var liveCount = 0

  init(initialCapacity: Int = 4096) {
    var capacity = 1024
    while capacity < initialCapacity * 2 { capacity <<= 1 }
    mask = capacity - 1
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    stateCapacity = capacity / 2
    states = .allocate(capacity: stateCapacity)
  }

  deinit {
    slots.deallocate()
    // FlowState holds only plain data, so the states need no deinitialisation.
    states.deallocate()
  }

  /// Finds the state index for `key`, or returns -1.
  @inline(__always) func find(_ key: FlowKey, hash: UInt64) -> Int {
    var position = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = Int(slots[position])
      if slot == 0 { return -1 }
      let state = states + (slot - 1)
      if state.pointee.hash == hash && state.pointee.key == key { return slot - 1 }
      position = (position + 1) & mask
    }
  }

  /// Inserts a new state for `key` (which must not be present) and returns its index.
  @inline(__always) func insert(_ state: FlowState) -> Int {
    if (liveCount + 1) * 2 > mask + 1 { grow() }
    let index: Int
    if let free = freeList.popLast() {
      index = Int(free)
    } else {
      if highWater == stateCapacity { growStates() }
      index = highWater
      highWater += 1
    }
    (states + index).initialize(to: state)
    var position = Int(truncatingIfNeeded: state.hash) & mask
    while slots[position] != 0 { position = (position + 1) & mask }
    slots[position] = Int32(index + 1)
    liveCount += 1
    return index
  }

  /// Removes the state at `index` (Knuth's algorithm R for linear probing: shift later entries back).
  func remove(_ index: Int) {
    let hash = states[index].hash
    var position = Int(truncatingIfNeeded: hash) & mask
    while Int(slots[position]) != index + 1 {
      if slots[position] == 0 { return }
      position = (position + 1) & mask
    }
    slots[position] = 0
    var hole = position
    var probe = position
    while true {
      probe = (probe + 1) & mask
      let slot = Int(slots[probe])
      if slot == 0 { break }
      let home = Int(truncatingIfNeeded: states[slot - 1].hash) & mask
      // Move the entry back unless its home lies cyclically in (hole, probe].
      let stays = hole <= probe ? (hole < home && home <= probe) : (hole < home || home <= probe)
      if stays { continue }
      slots[hole] = slots[probe]
      slots[probe] = 0
      hole = probe
    }
    states[index].live = false
    freeList.append(Int32(index))
    liveCount -= 1
  }

  private func grow() {
    let capacity = (mask + 1) * 2
    slots.deallocate()
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    mask = capacity - 1
    for index in 0..<highWater where states[index].live {
      var position = Int(truncatingIfNeeded: states[index].hash) & mask
      while slots[position] != 0 { position = (position + 1) & mask }
      slots[position] = Int32(index + 1)
    }
  }

  private func growStates() {
    let capacity = stateCapacity * 2
    let moved = UnsafeMutablePointer<FlowState>.allocate(capacity: capacity)
    moved.moveInitialize(from: states, count: highWater)
    states.deallocate()
    states = moved
    stateCapacity = capacity
  }
}
