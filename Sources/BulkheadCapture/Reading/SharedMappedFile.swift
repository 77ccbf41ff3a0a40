import Synchronization

/// One capture file mapped once for several shard sessions reading it in parallel (``ShardedCapture``).
///
/// Each shard mapping the file itself would make the kernel build the page tables once per shard. Here the pages are
/// mapped once, by whichever reader touches them first (page faults, so the kernel's work is spread over the readers'
/// cores: populating ahead from reader 0, as a single session does, put all of it on one core and cost the split
/// read 7 %), and reader 0 drops them only behind the slowest reader, so no page a reader still needs is dropped
/// and resident memory stays bounded while the readers keep pace with each other.
final class SharedMappedFile: @unchecked Sendable {
  // Sendable by construction: the mapping is read-only; only reader 0 calls `release` on it, and the readers'
  // positions are atomics.
  let mapping: Result<MappedFile, MappedFile.Failure>
  private let readers: Int
  private let positions: UnsafeMutablePointer<Atomic<Int>>

  init(path: String, readers: Int) {
    mapping = MappedFile.mapping(path)
    self.readers = max(1, readers)
    positions = .allocate(capacity: self.readers)
    for reader in 0..<self.readers { (positions + reader).initialize(to: Atomic(0)) }
  }

  deinit {
    positions.deinitialize(count: readers)
    positions.deallocate()
  }

  /// Records that `reader` parsed everything before `offset` (`Int.max`: the whole file); reader 0 also drops the
  /// pages every reader has passed.
  func advance(reader: Int, to offset: Int) {
    positions[reader].store(offset, ordering: .releasing)
    guard reader == 0, case .success(let file) = mapping else { return }
    var slowest = Int.max
    for other in 0..<readers { slowest = min(slowest, positions[other].load(ordering: .acquiring)) }
    file.release(before: slowest)
  }
}
