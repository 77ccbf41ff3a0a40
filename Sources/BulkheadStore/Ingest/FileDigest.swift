import Crypto
import Foundation

/// The SHA-256 of a file's content, read in 4 MiB pieces (constant memory for any size).
enum FileDigest {
  static func sha256(path: String) throws(StoreError) -> (digest: String, size: Int) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError(path: path, reason: "cannot open the file to compute its digest")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    var size = 0
    while true {
      let piece: Data?
      do {
        piece = try handle.read(upToCount: 4 << 20)
      } catch {
        throw StoreError(path: path, reason: "read failed: \(error.localizedDescription)")
      }
      guard let piece, !piece.isEmpty else { break }
      size += piece.count
      hasher.update(data: piece)
    }
    return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
  }
}
