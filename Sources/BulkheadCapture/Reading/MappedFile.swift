import BulkheadModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file mapped read-only into memory; packet bytes are slices of ``bytes`` (zero copy) while the mapping lives.
final class MappedFile {
  /// The mapped bytes (empty for an empty file).
  let bytes: UnsafeRawBufferPointer
  private let base: UnsafeMutableRawPointer?
  private let length: Int

  /// Why a file could not be mapped.
  enum Failure: Error, CustomStringConvertible {
    case open(errno: Int32)
    case stat(errno: Int32)
    case map(errno: Int32)
    /// A FIFO, directory, socket or device: a capture is a regular file (a FIFO would block forever, a device
    /// has no size to map).
    case notRegular(kind: String)

    var description: String {
      switch self {
      case .open(let code): "cannot open (errno \(code))"
      case .stat(let code): "cannot stat (errno \(code))"
      case .map(let code): "cannot map into memory (errno \(code))"
      case .notRegular(let kind): "not a regular file (\(kind)); a capture must be a pcap or pcapng file"
      }
    }
  }

  /// Maps `path` read-only.
  init(path: String) throws(Failure) {
    // Non-blocking, so opening a FIFO without a writer returns at once and is refused below instead of hanging.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw .open(errno: errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .stat(errno: errno) }
    if let kind = FileKind.nonRegular(mode: info.st_mode) { throw .notRegular(kind: kind) }
    length = Int(info.st_size)
    if length == 0 {
      base = nil
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let mapped, mapped != MAP_FAILED else { throw .map(errno: errno) }
    // Captures are read front to back once; tell the kernel to read ahead aggressively.
    _ = madvise(mapped, length, MADV_SEQUENTIAL)
    base = mapped
    bytes = UnsafeRawBufferPointer(start: mapped, count: length)
  }

  /// Maps `path`, or says why it could not.
  static func mapping(_ path: String) -> Result<MappedFile, Failure> {
    do {
      return .success(try MappedFile(path: path))
    } catch {
      return .failure(error)
    }
  }

  private var released = 0
  private var populated = 0

  /// Maps the page-table entries of the bytes up to `offset` ahead of the parser (MADV_POPULATE_READ, Linux 5.14):
  /// one call per window instead of one page fault per few pages. Best effort: older kernels refuse it, and the
  /// parser then faults the pages in as before.
  func populate(upTo offset: Int) {
    guard let base else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let end = min(length, (offset + page - 1) / page * page)
    guard end > populated else { return }
    _ = madvise(base + populated, end - populated, Self.populateRead)
    populated = end
  }

  /// `MADV_POPULATE_READ` from <linux/mman.h> (not exported by every Glibc module map).
  private static let populateRead: Int32 = 22

  /// Drops the pages before `offset` from the resident set (MADV_DONTNEED on a private read-only mapping: the next
  /// access, if any, would read the file again).
  func release(before offset: Int) {
    guard let base else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let end = min(offset, length) / page * page
    guard end > released else { return }
    _ = madvise(base + released, end - released, MADV_DONTNEED)
    released = end
  }

  deinit {
    if let base { munmap(base, length) }
  }
}
