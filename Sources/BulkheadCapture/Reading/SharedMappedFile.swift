import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One capture file mapped once for several shard sessions reading it in parallel (``ShardedCapture``).
///
/// Each shard mapping the file itself would make the kernel build the page tables once per shard. Here the pages are
/// mapped once, by whichever reader touches them first (page faults, so the kernel's work is spread over the readers'
/// cores: populating ahead from reader 0, as a single session does, put all of it on one core and cost the split
/// read 7 %), and dropped only behind the slowest reader, so no page a reader still needs is dropped.
///
/// Resident memory is the stretch between the slowest and the fastest reader. Two rules keep it bounded: every
/// reader drops what all have passed (when only reader 0 did, a reader 0 that finished first left every page the
/// others read afterwards resident: up to a third of a 1 GB file), and a reader more than ``maximumLead`` ahead of
/// the slowest waits for it. Waiting costs no time: the run ends when the slowest reader does.
final class SharedMappedFile: @unchecked Sendable {
  // Sendable by construction: the mapping is read-only; `release` runs under `releasing`, and the readers'
  // positions are atomics.
  let mapping: Result<MappedFile, MappedFile.Failure>
  private let readers: Int
  private let positions: UnsafeMutablePointer<Atomic<Int>>
  private let releasing = Mutex(())

  /// How far a reader may run ahead of the slowest one: three of the session's 32 MiB checkpoint windows.
  static let maximumLead = 96 << 20

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

  /// Where the slowest reader is.
  private var slowest: Int {
    var slowest = Int.max
    for other in 0..<readers { slowest = min(slowest, positions[other].load(ordering: .acquiring)) }
    return slowest
  }

  /// Records that `reader` parsed everything before `offset` (`Int.max`: the whole file), drops the pages every
  /// reader has passed, then waits while this reader is more than ``maximumLead`` ahead of the slowest (a bounded
  /// wait: at most a second per call, so a reader held up elsewhere slows the others but never stops them).
  func advance(reader: Int, to offset: Int) {
    positions[reader].store(offset, ordering: .releasing)
    guard case .success(let file) = mapping else { return }
    releasing.withLock { _ in file.release(before: slowest) }
    guard readers > 1, offset != .max else { return }
    var waits = 0
    while waits < 2_000, offset - slowest > Self.maximumLead {
      usleep(500)
      waits += 1
    }
  }
}
