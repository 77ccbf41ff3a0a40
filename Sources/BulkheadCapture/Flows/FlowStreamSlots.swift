/// The live flows' payload streams, by slot number (``FlowState/stream``), with a free list.
///
/// Slots hold retained, unmanaged references behind one pointer: the per-packet look-up is a load, with no
/// reference counting and no exclusivity check (a `[FlowStream?]` property would pay both on every segment).
final class FlowStreamSlots {
  private struct Storage {
    var slots: UnsafeMutablePointer<Unmanaged<FlowStream>?>
    var capacity: Int
    var used = 0
    var free: [Int32] = []
  }

  private let storage: UnsafeMutablePointer<Storage>

  init(initialCapacity: Int = 1024) {
    let slots = UnsafeMutablePointer<Unmanaged<FlowStream>?>.allocate(capacity: initialCapacity)
    slots.initialize(repeating: nil, count: initialCapacity)
    storage = .allocate(capacity: 1)
    storage.initialize(to: Storage(slots: slots, capacity: initialCapacity))
  }

  deinit {
    for index in 0..<storage.pointee.used { storage.pointee.slots[index]?.release() }
    storage.pointee.slots.deallocate()
    storage.deinitialize(count: 1)
    storage.deallocate()
  }

  /// Stores `stream` and returns its slot.
  func insert(_ stream: FlowStream) -> Int32 {
    let slot: Int
    if let free = storage.pointee.free.popLast() {
      slot = Int(free)
    } else {
      if storage.pointee.used == storage.pointee.capacity { grow() }
      slot = storage.pointee.used
      storage.pointee.used += 1
    }
    storage.pointee.slots[slot] = Unmanaged.passRetained(stream)
    return Int32(slot)
  }

  /// The stream in `slot`, unretained: valid until ``remove(_:)`` of that slot.
  @inline(__always) func stream(_ slot: Int32) -> Unmanaged<FlowStream>? {
    storage.pointee.slots[Int(slot)]
  }

  /// Empties `slot`, releasing its stream.
  func remove(_ slot: Int32) {
    storage.pointee.slots[Int(slot)]?.release()
    storage.pointee.slots[Int(slot)] = nil
    storage.pointee.free.append(slot)
  }

  private func grow() {
    let capacity = storage.pointee.capacity * 2
    let moved = UnsafeMutablePointer<Unmanaged<FlowStream>?>.allocate(capacity: capacity)
    moved.moveInitialize(from: storage.pointee.slots, count: storage.pointee.capacity)
    (moved + storage.pointee.capacity).initialize(repeating: nil, count: capacity - storage.pointee.capacity)
    storage.pointee.slots.deallocate()
    storage.pointee.slots = moved
    storage.pointee.capacity = capacity
  }
}
