import BulkheadAnalysis
import BulkheadModel

/// The warning `assess` and `check` put first when an input could not be read or interpreted (an error in the
/// model, a firewall config that could not be read or parsed, a capture that could not be read): the findings
/// after it describe only what was read, so a reader must not take a short list for a clean plant.
public struct IncompleteInputsNotice: Sendable {
  /// Errors listed before "+N more".
  public var limit = 10

  /// Creates a notice renderer.
  public init() {}

  /// The notice lines for `result`, or nil when every input was read.
  public func lines(_ result: AssessmentResult) -> [String]? {
    let errors = RepeatedDiagnostic.fold(result.diagnostics.filter { $0.severity == .error })
    guard !errors.isEmpty else { return nil }
    let total = errors.reduce(0) { $0 + $1.count }
    var lines = [
      "INCOMPLETE ASSESSMENT: \(total) input error(s) in the model, firewall configs or captures; the findings "
        + "below cover only what could be read. Fix these first:"
    ]
    for error in errors.prefix(limit) { lines.append("  \(error)") }
    if errors.count > limit { lines.append("  +\(errors.count - limit) more (see --format json)") }
    return lines
  }

  /// The notice as text, each line ending in a newline, or nil when every input was read.
  public func text(_ result: AssessmentResult) -> String? {
    lines(result).map { $0.joined(separator: "\n") + "\n" }
  }

  /// The notice as a Markdown block quote, or nil when every input was read.
  public func markdown(_ result: AssessmentResult) -> String? {
    guard let lines = lines(result) else { return nil }
    let head = "> **\(lines[0])**"
    return ([head, ">"] + lines.dropFirst().map { "> - `\($0.trimmingPrefix("  "))`" }).joined(separator: "\n") + "\n\n"
  }
}
