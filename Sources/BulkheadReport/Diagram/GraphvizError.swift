/// Why a diagram could not be laid out as SVG.
public enum GraphvizError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No `dot` executable on the search path.
  case notInstalled
  /// `dot` ran and failed, with its exit status and what it wrote to standard error.
  case failed(status: Int32, message: String)
  /// `dot` could not be started.
  case launch(String)
  /// `dot` took longer than the time limit and was stopped.
  case timedOut(seconds: Double)

  public var description: String {
    switch self {
    case .notInstalled:
      "Graphviz `dot` is not installed (Debian: apt-get install graphviz; macOS: brew install graphviz)"
    case .failed(let status, let message):
      "Graphviz `dot` exited with status \(status): \(message)"
    case .launch(let message):
      "Graphviz `dot` could not be started: \(message)"
    case .timedOut(let seconds):
      "Graphviz `dot` did not finish within \(Int(seconds)) s and was stopped (raise the limit with --layout-time-limit)"
    }
  }
}
