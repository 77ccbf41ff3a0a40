import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Lines written as they are made, from several threads, into an unlinked temporary file, then copied out sorted by
/// where their flow starts (capture file index, packet number), with the line's position in that order (its flow
/// id) inserted at a byte offset the caller chose. Memory holds 32 bytes per line for the sort, never the lines:
/// a streamed flow list costs the same for a short capture and a week of them.
final class SortedLineSpool: @unchecked Sendable {
  private struct Entry {
    var file: Int32
    var packet: Int64
    var offset: Int64
    var length: Int32
    var idOffset: Int32
  }

  private let lock = NSLock()
  private let descriptor: Int32
  private var written: Int64 = 0
  private var entries: [Entry] = []
  private var failure: String?

  /// Creates the spool's temporary file in `directory`.
  init(directory: String = NSTemporaryDirectory()) throws {
    let path = (directory as NSString).appendingPathComponent("bulkhead-lines-\(UUID().uuidString).tmp")
    descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    unlink(path)
  }

  deinit { close(descriptor) }

  /// Adds one line (with its newline); the id goes in at `idOffset` when the lines are copied out.
  func add(_ line: [UInt8], file: Int, packet: Int, idOffset: Int) {
    lock.withLock {
      let count = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(written)) }
      guard count == line.count else {
        failure = failure ?? "cannot write the temporary flow list (errno \(errno))"
        return
      }
      entries.append(
        Entry(
          file: Int32(clamping: file), packet: Int64(packet), offset: written, length: Int32(line.count),
          idOffset: Int32(idOffset)))
      written += Int64(count)
    }
  }

  /// How many lines were added.
  var count: Int { lock.withLock { entries.count } }

  /// Writes `header` (if any), then every line in order, each with `id(position)` inserted, through `write`.
  func copy(header: [UInt8] = [], id: (Int) -> [UInt8], to write: ([UInt8]) throws -> Void) throws {
    try lock.withLock {
      if let failure { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure]) }
      entries.sort { ($0.file, $0.packet, $0.offset) < ($1.file, $1.packet, $1.offset) }
      var buffer = header
      buffer.reserveCapacity(1 << 20)
      var line = [UInt8](repeating: 0, count: 4096)
      for (position, entry) in entries.enumerated() {
        let length = Int(entry.length)
        if line.count < length { line = [UInt8](repeating: 0, count: length) }
        let read = line.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(entry.offset)) }
        guard read == length else {
          throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "temporary flow list unreadable"])
        }
        let cut = Int(entry.idOffset)
        buffer.append(contentsOf: line[0..<cut])
        buffer.append(contentsOf: id(position))
        buffer.append(contentsOf: line[cut..<length])
        if buffer.count >= 1 << 20 {
          try write(buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      }
      try write(buffer)
    }
  }
}
