import BulkheadAnalysis
import BulkheadModel

/// The text `bulkhead check` prints on standard error: the accepted-findings file's problems, expired and unused
/// acceptances, the blocking findings, then one verdict line; computes nothing.
public struct GateVerdictRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The verdict lines for `decision`, taken at threshold `failOn`, each ending in a newline.
  public func render(_ decision: GateDecision, failOn: FindingSeverity) -> String {
    var lines: [String] = []
    for diagnostic in decision.diagnostics { lines.append("\(diagnostic)") }
    for acceptance in decision.expired {
      lines.append(
        "\(acceptance.location): note: acceptance of \(acceptance.fingerprint) expired on \(acceptance.expires)")
    }
    for acceptance in decision.unused {
      lines.append(
        "\(acceptance.location): note: acceptance of \(acceptance.fingerprint) matches no finding; remove it")
    }
    for finding in decision.blocking {
      lines.append(
        "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID) \(finding.fingerprint)]"
      )
    }
    lines.append(
      decision.passes
        ? "check passed: no unaccepted finding at or above \(failOn.rawValue) (\(decision.accepted.count) accepted)"
        : "check failed: \(decision.blocking.count) unaccepted finding(s) at or above \(failOn.rawValue)")
    return lines.joined(separator: "\n") + "\n"
  }
}
