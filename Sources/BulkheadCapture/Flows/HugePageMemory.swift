#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Memory for the flow table's large arrays, backed by transparent huge pages where the kernel offers them.
///
/// Flows are looked up in random order, so with 4 KiB pages nearly every packet's flow state also costs a TLB miss
/// (a page-table walk) once the table outgrows the TLB's reach (a few MiB). Allocations of 2 MiB and more are
/// aligned to 2 MiB and marked `MADV_HUGEPAGE` (Linux; honoured when transparent huge pages are set to `always` or
/// `madvise`), so one TLB entry covers 2 MiB. Smaller ones, and other systems, get ordinary memory.
enum HugePageMemory {
  private static let hugePage = 2 << 20

  /// Allocates `byteCount` bytes aligned to at least `alignment`; free with ``deallocate(_:)``.
  static func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
    let large = byteCount >= hugePage
    let size = large ? (byteCount + hugePage - 1) / hugePage * hugePage : max(byteCount, 1)
    let memory = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: large ? hugePage : alignment)
    #if os(Linux)
      if large { _ = madvise(memory, size, 14) }  // MADV_HUGEPAGE
    #endif
    return memory
  }

  static func deallocate(_ memory: UnsafeMutableRawPointer) {
    memory.deallocate()
  }
}
