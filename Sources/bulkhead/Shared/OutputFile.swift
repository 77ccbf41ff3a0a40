import Foundation

/// Writes a command's output to the file named by `--output`/`-o`, or to standard output without one.
enum OutputFile {
  /// Writes `data` to `path` (standard output when nil); a failure is an ``OutputError`` naming the file.
  static func write(_ data: Data, to path: String?) throws(OutputError) {
    guard let path else {
      try Console.write(data)
      return
    }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw OutputError(destination: path, errorNumber: errno) }
    do {
      try Console.write(data, to: descriptor, named: path)
    } catch {
      close(descriptor)
      throw error
    }
    // A full disk can show first when the data reaches it: close's error counts too.
    if close(descriptor) != 0 { throw OutputError(destination: path, errorNumber: errno) }
  }
}
