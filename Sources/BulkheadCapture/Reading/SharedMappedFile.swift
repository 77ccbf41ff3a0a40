import Synchronization

/// One capture file mapped once for several shard sessions reading it in parallel (``ShardedCapture``).
///
/// Each shard mapping the file itself would make the kernel build the page tables once per shard. Here reader 0
/// maps pages in a window ahead of itself and drops them only behind the slowest reader, so no page a reader still
/// needs is dropped and resident memory stays bounded while the readers keep pace with each other.
final class SharedMappedFile: @unchecked Sendable {
  // Sendable by construction: the mapping is read-only; only reader 0 calls `populate`/`release` on it, and the
  // readers' positions are atomics.
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

  /// Records that `reader` parsed everything before `offset` (`Int.max`: the whole file); reader 0 also pages.
  func advance(reader: Int, to offset: Int, window: Int) {
    positions[reader].store(offset, ordering: .releasing)
    guard reader == 0, case .success(let file) = mapping else { return }
    var slowest = Int.max
    for other in 0..<readers { slowest = min(slowest, positions[other].load(ordering: .acquiring)) }
    file.release(before: slowest)
    if offset < Int.max { file.populate(upTo: offset + window) }
  }
}
