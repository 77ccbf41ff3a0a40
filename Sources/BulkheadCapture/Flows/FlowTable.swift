/// An open-addressing hash table (linear probing, backward-shift deletion) from ``FlowKey`` to ``FlowState``.
///
/// States live in one manually managed, cache-line-aligned array with a free list; slots hold the low 32 bits of the
/// key's hash and the state index. A probe touches a state only when those bits match, and deleting or growing
/// finds each entry's home slot from the slot alone (the table is far smaller than 2^32 slots), without loading the
/// entry's state. No per-packet allocation, no
/// reference counting on the hot path. Memory grows with the number of live flows only.
final class FlowTable {
  private let storage: UnsafeMutablePointer<FlowTableStorage>
  /// Indices of removed states, reused first. Only the table touches it, one call at a time: no exclusivity check.
  @exclusivity(unchecked) private var freeList: [Int32] = []

  @inline(__always) var states: UnsafeMutablePointer<FlowState> { storage.pointee.states }
  @inline(__always) var cold: UnsafeMutablePointer<FlowColdState> { storage.pointee.cold }
  @inline(__always) var highWater: Int { storage.pointee.highWater }
  @inline(__always) var liveCount: Int { storage.pointee.liveCount }
  @inline(__always) private var slots: UnsafeMutablePointer<UInt64> { storage.pointee.slots }
  @inline(__always) private var mask: Int { storage.pointee.mask }

  init(initialCapacity: Int = 4096) {
    var capacity = 1024
    while capacity < initialCapacity * 2 { capacity <<= 1 }
    let slots = Self.allocate(UInt64.self, capacity)
    slots.initialize(repeating: 0, count: capacity)
    storage = .allocate(capacity: 1)
    storage.initialize(
      to: FlowTableStorage(
        states: Self.allocate(FlowState.self, capacity / 2), cold: Self.allocate(FlowColdState.self, capacity / 2),
        stateCapacity: capacity / 2, slots: slots, mask: capacity - 1))
  }

  deinit {
    // All three arrays hold only plain data, so they need no deinitialisation.
    HugePageMemory.deallocate(storage.pointee.slots)
    HugePageMemory.deallocate(storage.pointee.states)
    HugePageMemory.deallocate(storage.pointee.cold)
    storage.deinitialize(count: 1)
    storage.deallocate()
  }

  /// An array for `count` values of plain-data type `T`, states 128-byte aligned (a flow is one pair of lines).
  private static func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
    HugePageMemory.allocate(byteCount: count * MemoryLayout<T>.stride, alignment: max(128, MemoryLayout<T>.alignment))
      .bindMemory(to: T.self, capacity: count)
  }

  /// The slot's upper half: the hash's low 32 bits (which also hold the home position).
  @inline(__always) private static func fingerprint(_ hash: UInt64) -> UInt64 { hash << 32 }

  /// The home position of the entry in `slot`.
  @inline(__always) private func home(_ slot: UInt64) -> Int { Int(truncatingIfNeeded: slot >> 32) & mask }

  /// Finds the state index for `key`, or returns -1.
  @inline(__always) func find(_ key: FlowKey, hash: UInt64) -> Int {
    let slots = self.slots
    let mask = self.mask
    let states = self.states
    let print = Self.fingerprint(hash)
    var position = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[position]
      if slot == 0 { return -1 }
      if slot & 0xffff_ffff_0000_0000 == print {
        let index = Int(truncatingIfNeeded: slot & 0xffff_ffff) - 1
        if states[index].key == key { return index }
      }
      position = (position + 1) & mask
    }
  }

  /// Inserts a new state for `key` (which must not be present) and returns its index.
  @inline(__always) func insert(_ state: FlowState, _ coldState: FlowColdState, hash: UInt64) -> Int {
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
    (cold + index).initialize(to: coldState)
    place(index, hash: hash)
    storage.pointee.liveCount += 1
    return index
  }

  @inline(__always) private func place(_ index: Int, hash: UInt64) {
    var position = Int(truncatingIfNeeded: hash) & mask
    while slots[position] != 0 { position = (position + 1) & mask }
    slots[position] = Self.fingerprint(hash) | UInt64(index + 1)
  }

  /// Removes the state at `index` (Knuth's algorithm R for linear probing: shift later entries back).
  func remove(_ index: Int) {
    var position = Int(truncatingIfNeeded: states[index].key.hash) & mask
    while Int(truncatingIfNeeded: slots[position] & 0xffff_ffff) != index + 1 {
      if slots[position] == 0 { return }
      position = (position + 1) & mask
    }
    slots[position] = 0
    var hole = position
    var probe = position
    while true {
      probe = (probe + 1) & mask
      let slot = slots[probe]
      if slot == 0 { break }
      let home = self.home(slot)
      // Move the entry back unless its home lies cyclically in (hole, probe].
      let stays = hole <= probe ? (hole < home && home <= probe) : (hole < home || home <= probe)
      if stays { continue }
      slots[hole] = slot
      slots[probe] = 0
      hole = probe
    }
    states[index].live = false
    freeList.append(Int32(index))
    storage.pointee.liveCount -= 1
  }

  private func grow() {
    let capacity = (mask + 1) * 2
    let old = storage.pointee.slots
    let oldCount = mask + 1
    storage.pointee.slots = Self.allocate(UInt64.self, capacity)
    storage.pointee.slots.initialize(repeating: 0, count: capacity)
    storage.pointee.mask = capacity - 1
    for position in 0..<oldCount where old[position] != 0 {
      var target = home(old[position])
      while slots[target] != 0 { target = (target + 1) & mask }
      slots[target] = old[position]
    }
    HugePageMemory.deallocate(old)
  }

  private func growStates() {
    let capacity = storage.pointee.stateCapacity * 2
    let moved = Self.allocate(FlowState.self, capacity)
    moved.moveInitialize(from: states, count: highWater)
    HugePageMemory.deallocate(storage.pointee.states)
    storage.pointee.states = moved
    let movedCold = Self.allocate(FlowColdState.self, capacity)
    movedCold.moveInitialize(from: cold, count: highWater)
    HugePageMemory.deallocate(storage.pointee.cold)
    storage.pointee.cold = movedCold
    storage.pointee.stateCapacity = capacity
  }
}
