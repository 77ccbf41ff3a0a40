/// An open-addressing hash table (linear probing, backward-shift deletion) from ``FlowKey`` to ``FlowState``.
///
/// States live in one manually managed array with a free list; slots hold state indices. No per-packet allocation,
/// no reference counting on the hot path. Memory grows with the number of live flows only.
final class FlowTable {
  private let storage: UnsafeMutablePointer<FlowTableStorage>
  private var freeList: [Int32] = []

  @inline(__always) var states: UnsafeMutablePointer<FlowState> { storage.pointee.states }
  @inline(__always) var highWater: Int { storage.pointee.highWater }
  @inline(__always) var liveCount: Int { storage.pointee.liveCount }
  @inline(__always) private var slots: UnsafeMutablePointer<Int32> { storage.pointee.slots }
  @inline(__always) private var mask: Int { storage.pointee.mask }

  init(initialCapacity: Int = 4096) {
    var capacity = 1024
    while capacity < initialCapacity * 2 { capacity <<= 1 }
    let slots = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    let states = UnsafeMutablePointer<FlowState>.allocate(capacity: capacity / 2)
    storage = .allocate(capacity: 1)
    storage.initialize(
      to: FlowTableStorage(states: states, stateCapacity: capacity / 2, slots: slots, mask: capacity - 1))
  }

  deinit {
    storage.pointee.slots.deallocate()
    // FlowState holds only plain data, so the states need no deinitialisation.
    storage.pointee.states.deallocate()
    storage.deinitialize(count: 1)
    storage.deallocate()
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
      if storage.pointee.highWater == storage.pointee.stateCapacity { growStates() }
      index = storage.pointee.highWater
      storage.pointee.highWater += 1
    }
    (states + index).initialize(to: state)
    var position = Int(truncatingIfNeeded: state.hash) & mask
    while slots[position] != 0 { position = (position + 1) & mask }
    slots[position] = Int32(index + 1)
    storage.pointee.liveCount += 1
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
    storage.pointee.liveCount -= 1
  }

  private func grow() {
    let capacity = (mask + 1) * 2
    storage.pointee.slots.deallocate()
    storage.pointee.slots = .allocate(capacity: capacity)
    storage.pointee.slots.initialize(repeating: 0, count: capacity)
    storage.pointee.mask = capacity - 1
    for index in 0..<highWater where states[index].live {
      var position = Int(truncatingIfNeeded: states[index].hash) & mask
      while slots[position] != 0 { position = (position + 1) & mask }
      slots[position] = Int32(index + 1)
    }
  }

  private func growStates() {
    let capacity = storage.pointee.stateCapacity * 2
    let moved = UnsafeMutablePointer<FlowState>.allocate(capacity: capacity)
    moved.moveInitialize(from: states, count: highWater)
    storage.pointee.states.deallocate()
    storage.pointee.states = moved
    storage.pointee.stateCapacity = capacity
  }
}
