import BulkheadAnalysis
import BulkheadModel

/// The text `bulkhead check` prints on standard error (after the inputs' errors, which ``IncompleteInputsNotice``
/// lists): the accepted-findings file's problems,
/// expired and unused acceptances, the blocking findings, then one verdict line that names its cause; computes
/// nothing.
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
    lines.append(verdictLine(decision, failOn: failOn))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The last line: passed, failed on findings, or failed closed on incomplete inputs.
  func verdictLine(_ decision: GateDecision, failOn: FindingSeverity) -> String {
    let findings = "\(decision.blocking.count) unaccepted finding(s) at or above \(failOn.rawValue)"
    switch decision.verdict {
    case .passed:
      return "check passed: no unaccepted finding at or above \(failOn.rawValue) (\(decision.accepted.count) accepted)"
    case .failed:
      return "check failed: \(findings)"
    case .incomplete:
      var causes: [String] = []
      if !decision.inputErrors.isEmpty {
        causes.append("\(decision.inputErrors.count) error(s) in the model, firewall configs or captures")
      }
      let fileErrors = decision.diagnostics.filter { $0.severity == .error }.count
      if fileErrors > 0 { causes.append("\(fileErrors) error(s) in the accepted-findings file") }
      return "check failed, inputs incomplete: \(causes.joined(separator: " and ")) (fix them first; "
        + "\(findings) among what could be read)"
    }
  }
}
