import Foundation

/// A report that could not be written (full disk, closed pipe, closed or read-only descriptor): the command stops
/// with this one line and exit status 2 (README, "Exit status").
struct OutputError: Error, CustomStringConvertible {
  /// What was written to: "standard output" or a file path.
  var destination: String
  /// The `errno` of the failed write.
  var errorNumber: Int32

  var description: String {
    "\(destination): error: cannot write: \(String(cString: strerror(errorNumber)))"
  }
}
