import ArgumentParser
import BulkheadModel
import Foundation

/// Checks a file named on the command line before it is read: a FIFO, directory or device is a located error and
/// exit status 2 at once, never a read that blocks forever.
enum InputFile {
  /// Throws exit status 2 (after one located line on standard error) unless `path` is a regular file or missing
  /// (a missing file is reported by the reader, with its own wording).
  static func require(_ path: String) throws {
    guard let refusal = FileKind.refusal(path: path) else { return }
    Console.error("\(path): error: \(refusal)")
    throw ExitCode(2)
  }
}
