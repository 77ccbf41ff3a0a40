import ArgumentParser
import BulkheadCapture

/// The exit status of the commands that read captures (`flows`, `dissect`): 2 when a file named on the command line
/// could not be read at all, so a script never mistakes an empty listing for a quiet network.
enum CaptureInput {
  /// The files that yielded nothing: unreadable (missing, not a regular file), not a capture, or cut short before
  /// the first packet.
  static func unreadable(_ report: CaptureReport) -> [String] {
    report.files.filter { file in
      file.format == "unreadable" || file.format == "unknown" || (file.truncated && file.packets == 0)
    }.map(\.path)
  }

  /// Throws exit status 2 when ``unreadable(_:)`` names a file (each was already reported as a diagnostic).
  static func requireReadable(_ report: CaptureReport) throws {
    let files = unreadable(report)
    guard !files.isEmpty else { return }
    Console.error("error: \(files.count) capture file(s) could not be read: \(files.joined(separator: ", "))")
    throw ExitCode(2)
  }
}
