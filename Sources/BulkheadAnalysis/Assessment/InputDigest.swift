import BulkheadModel
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The evidence appendix's file list: every input with its size and SHA-256, so an auditor can check that a
/// re-run reads the same bytes. Files are hashed a block at a time: a capture of any size costs one buffer.
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
  static func digest(_ path: String) -> (Int, String)? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    let block = 1 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: block, alignment: 16)
    defer { buffer.deallocate() }
    var hash = SHA256()
    var size = 0
    while true {
      let count = read(descriptor, buffer.baseAddress, block)
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if count == 0 { break }
      hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
      size += count
    }
    let hex = hash.finalize().map { byte in
      let digits = String(byte, radix: 16)
      return byte < 16 ? "0" + digits : digits
    }.joined()
    return (size, hex)
  }
}
