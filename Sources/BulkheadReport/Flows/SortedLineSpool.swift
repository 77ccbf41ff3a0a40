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
  /// Lines not yet written to the file; they follow its `written` bytes.
  private var pending: [UInt8] = []
  private static let chunk = 1 << 20
  private var failure: String?

  /// Creates the spool's temporary file in `directory`.
  init(directory: String = NSTemporaryDirectory()) throws {
    let path = (directory as NSString).appendingPathComponent("bulkhead-lines-\(UUID().uuidString).tmp")
    descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    unlink(path)
  }

  deinit { close(descriptor) }

  /// Adds one line (with its newline); the id goes in at `idOffset` when the lines are copied out. Lines gather in
  /// a buffer written out a megabyte at a time: one system call per line, under the lock, kept the threads that
  /// finish flows waiting on each other.
  func add(_ line: [UInt8], file: Int, packet: Int, idOffset: Int) {
    lock.withLock {
      entries.append(
        Entry(
          file: Int32(clamping: file), packet: Int64(packet), offset: written + Int64(pending.count),
          length: Int32(line.count), idOffset: Int32(idOffset)))
      pending.append(contentsOf: line)
      if pending.count >= Self.chunk { flush() }
    }
  }

  /// Writes the buffered lines to the file (the caller holds the lock).
  private func flush() {
    guard !pending.isEmpty else { return }
    var done = 0
    while done < pending.count {
      let count = pending.withUnsafeBytes { bytes in
        let rest = UnsafeRawBufferPointer(rebasing: bytes[done...])
        return pwrite(descriptor, rest.baseAddress, rest.count, off_t(written) + off_t(done))
      }
      guard count > 0 else {
        failure = failure ?? "cannot write the temporary flow list (errno \(errno))"
        break
      }
      done += count
    }
    written += Int64(pending.count)
    pending.removeAll(keepingCapacity: true)
  }

  /// How many lines were added.
  var count: Int { lock.withLock { entries.count } }

  /// Writes `header` (if any), then every line in order, each with `id(position)` inserted, through `write` (a
  /// megabyte at a time).
  func copy(header: [UInt8] = [], id: (Int) -> [UInt8], to write: ([UInt8]) throws -> Void) throws {
    var buffer = header
    buffer.reserveCapacity(Self.chunk + 4096)
    try forEachLine { position, line, idOffset in
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<idOffset]))
      buffer.append(contentsOf: id(position))
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: line[idOffset...]))
      if buffer.count >= Self.chunk {
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    try write(buffer)
  }

  /// Calls `body` with every line in order: its position in that order, its bytes (newline included, valid only
  /// during the call) and the offset its id goes in at. One read per line: lines finish in an order unrelated to
  /// the sort, so a wider read brings in bytes that are not used.
  func forEachLine(
    _ body: (_ position: Int, _ line: UnsafeBufferPointer<UInt8>, _ idOffset: Int) throws -> Void
  ) throws {
    try lock.withLock {
      flush()
      if let failure { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: failure]) }
      entries.sort { ($0.file, $0.packet, $0.offset) < ($1.file, $1.packet, $1.offset) }
      var line = [UInt8](repeating: 0, count: 4096)
      for (position, entry) in entries.enumerated() {
        let length = Int(entry.length)
        if line.count < length { line = [UInt8](repeating: 0, count: length) }
        try line.withUnsafeMutableBufferPointer { bytes in
          guard pread(descriptor, bytes.baseAddress, length, off_t(entry.offset)) == length else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "temporary flow list unreadable"])
          }
          try body(position, UnsafeBufferPointer(rebasing: bytes[..<length]), Int(entry.idOffset))
        }
      }
    }
  }
}
