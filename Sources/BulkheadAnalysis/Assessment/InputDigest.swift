import BulkheadModel
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The evidence appendix's file list: every input with its size and SHA-256, so an auditor can check that a
/// re-run reads the same bytes. Files are hashed a window at a time: a capture of any size costs one window.
enum InputDigest {
  static func inputs(plant: Plant, captures: [String]) -> [InputFile] {
    var entries: [(String, InputFile.Kind)] = [(plant.modelFile, .model)]
    if let inventory = plant.inventoryPath { entries.append((inventory, .inventory)) }
    for point in plant.enforcementPoints { if let path = point.configPath { entries.append((path, .firewall)) } }
    for capture in captures { entries.append((capture, .capture)) }
    return entries.compactMap { path, kind in
      guard let (size, digest) = digest(path) else { return nil }
      return InputFile(path: path, kind: kind, size: size, sha256: digest)
    }.sorted()
  }

  /// The size and lower-case hex SHA-256 of a file, nil when it cannot be read.
  ///
  /// The file is mapped a window at a time and hashed in place: no copy into a buffer (a gigabyte capture costs its
  /// hashing only), and at most one window resident, however large the file.
  static func digest(_ path: String) -> (Int, String)? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return nil }
    let size = Int(status.st_size)
    var hash = SHA256()
    // 4 MiB: a mapped window counts in the resident set while it is hashed (64 MiB showed as a fifth of assess's peak).
    let window = 4 << 20
    var offset = 0
    while offset < size {
      let length = min(window, size - offset)
      guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, off_t(offset)), mapped != MAP_FAILED
      else { return nil }
      _ = madvise(mapped, length, MADV_SEQUENTIAL)
      hash.update(bufferPointer: UnsafeRawBufferPointer(start: mapped, count: length))
      munmap(mapped, length)
      offset += length
    }
    let hex = hash.finalize().map { byte in
      let digits = String(byte, radix: 16)
      return byte < 16 ? "0" + digits : digits
    }.joined()
    return (size, hex)
  }
}
