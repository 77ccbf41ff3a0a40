import BulkheadModel
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where commands write: the report to standard output, problems to standard error (one line each).
///
/// Standard output is written with `write(2)` directly, so a full disk, a closed pipe or a closed descriptor is an
/// ``OutputError`` the command turns into one line and exit status 2, never a crash or a silently lost report.
enum Console {
  /// `--quiet`: only errors reach standard error (no warnings, notes, progress or verdict lines); standard output is
  /// the same, and the exit status tells the outcome.
  private static let quietMode = Mutex(false)

  /// Whether `--quiet` was given.
  static var isQuiet: Bool {
    get { quietMode.withLock { $0 } }
    set { quietMode.withLock { $0 = newValue } }
  }

  /// Whether text written to standard output may carry ANSI colours: only to a terminal, and never when `NO_COLOR`
  /// is set to a non-empty value (https://no-color.org).
  static func colorsStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    guard let noColor = environment["NO_COLOR"], !noColor.isEmpty else { return isatty(STDOUT_FILENO) != 0 }
    return false
  }

  /// Puts `/dev/null` on a standard descriptor the caller closed (`bulkhead … >&-`): otherwise the next file a
  /// command opens would become descriptor 1 and receive the report. Standard output is reopened read-only, so
  /// writing the report fails (EBADF) and is reported instead of lost.
  static func guardStandardDescriptors() {
    for (descriptor, flags) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)]
    where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
      let opened = open("/dev/null", flags)
      if opened >= 0 && opened != descriptor {
        dup2(opened, descriptor)
        close(opened)
      }
    }
  }

  /// Writes `text` and a newline to standard output.
  static func print(_ text: String) throws(OutputError) {
    try write(Data((text + "\n").utf8))
  }

  /// Writes `data` to standard output, all of it or an error.
  static func write(_ data: Data) throws(OutputError) {
    try write(data, to: STDOUT_FILENO, named: "standard output")
  }

  /// Writes `line` and a newline to standard error (a failure there has nowhere to be reported, so it is ignored).
  static func error(_ line: String) {
    try? write(Data((line + "\n").utf8), to: STDERR_FILENO, named: "standard error")
  }

  /// Writes `text` as it is to standard error.
  static func writeError(_ text: String) {
    try? write(Data(text.utf8), to: STDERR_FILENO, named: "standard error")
  }

  /// Writes a warning, a note or a progress line to standard error, unless `--quiet` was given.
  static func inform(_ text: String, newline: Bool = true) {
    guard !isQuiet else { return }
    writeError(newline ? text + "\n" : text)
  }

  /// Writes each diagnostic as one line to standard error; repeats of one problem are one line with a count. Under
  /// `--quiet` only errors are written.
  static func report(_ diagnostics: some Sequence<Diagnostic>) {
    let shown = diagnostics.filter { !isQuiet || $0.severity == .error }
    for repeated in RepeatedDiagnostic.fold(shown) { error(repeated.description) }
  }

  /// Writes every byte of `data` to `descriptor`, retrying short writes and interrupted calls.
  static func write(_ data: Data, to descriptor: Int32, named name: String) throws(OutputError) {
    let failure: Int32? = data.withUnsafeBytes { buffer -> Int32? in
      guard var next = buffer.baseAddress else { return nil }
      var left = buffer.count
      while left > 0 {
        let written = systemWrite(descriptor, next, left)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        if written == 0 { return EIO }
        left -= written
        next += written
      }
      return nil
    }
    if let failure { throw OutputError(destination: name, errorNumber: failure) }
  }
}

/// `write(2)`, named apart from ``Console/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
  #else
    Darwin.write(descriptor, bytes, count)
  #endif
}
