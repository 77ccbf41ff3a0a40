import BulkheadModel

/// What `bulkhead check` decides: which findings block the pipeline, which are accepted, which acceptances expired
/// or match nothing any more — and whether the inputs were complete enough to decide at all.
///
/// The gate fails closed: a model with errors, a firewall config that could not be read or parsed, or a capture that
/// could not be read leaves gaps the findings cannot show, so such a run never passes, whatever it found.
public struct GateDecision: Sendable {
  /// Findings at or above the threshold that no valid acceptance covers: these fail the gate.
  public var blocking: [Finding]
  /// Findings covered by an acceptance that has not expired.
  public var accepted: [(Finding, AcceptedFinding)]
  /// Acceptances past their expiry date (their findings count again).
  public var expired: [AcceptedFinding]
  /// Acceptances whose fingerprint matches no current finding (the gap was closed: remove them).
  public var unused: [AcceptedFinding]
  /// Problems in the accepted-findings file (errors and warnings, with their line).
  public var diagnostics: [Diagnostic]
  /// Error-level diagnostics of the assessment's inputs (model, firewall configs, captures): each one means the
  /// findings may be incomplete.
  public var inputErrors: [Diagnostic]

  /// The three outcomes, each with its own exit status in `bulkhead check`.
  public enum Verdict: Sendable, Hashable {
    /// No unaccepted finding at or above the threshold, and every input was read.
    case passed
    /// Unaccepted findings at or above the threshold.
    case failed
    /// An input (model, config, capture, accepted-findings file) had errors: the gate cannot vouch for the plant.
    case incomplete
  }

  /// The outcome; incomplete inputs outrank findings, since what could not be read may hide worse.
  public var verdict: Verdict {
    if !inputErrors.isEmpty || diagnostics.contains(where: { $0.severity == .error }) { return .incomplete }
    return blocking.isEmpty ? .passed : .failed
  }

  /// Whether the gate passes.
  public var passes: Bool { verdict == .passed }

  /// Decides the gate for `findings` at threshold `failOn`, judged on `today`; `diagnostics` are the
  /// accepted-findings file's, `inputDiagnostics` the assessment's (only errors count against the gate).
  public init(
    findings: [Finding], failOn: FindingSeverity, acceptances: [AcceptedFinding], diagnostics: [Diagnostic] = [],
    inputDiagnostics: [Diagnostic] = [], today: CalendarDate
  ) {
    var byFingerprint: [String: AcceptedFinding] = [:]
    var problems = diagnostics
    var expired: [AcceptedFinding] = []
    for acceptance in acceptances {
      if acceptance.expires < today {
        expired.append(acceptance)
      } else {
        byFingerprint[acceptance.fingerprint] = acceptance
      }
    }
    var blocking: [Finding] = []
    var accepted: [(Finding, AcceptedFinding)] = []
    var used: Set<String> = []
    for finding in findings {
      if let acceptance = byFingerprint[finding.fingerprint] {
        used.insert(acceptance.fingerprint)
        if let rule = acceptance.rule, rule != finding.ruleID {
          // The acceptance was written for another finding: it covers nothing, and the finding counts.
          problems.append(
            Diagnostic(
              .error, code: "BH806",
              "acceptance names rule \(rule) but fingerprint \(finding.fingerprint) is a \(finding.ruleID) finding; "
                + "it accepts nothing",
              at: acceptance.location))
          if finding.severity >= failOn { blocking.append(finding) }
          continue
        }
        accepted.append((finding, acceptance))
      } else if finding.severity >= failOn {
        blocking.append(finding)
      }
    }
    self.blocking = blocking
    self.accepted = accepted
    self.expired = expired
    self.unused = byFingerprint.values.filter { !used.contains($0.fingerprint) }.sorted { $0.location < $1.location }
    self.diagnostics = problems
    self.inputErrors = inputDiagnostics.filter { $0.severity == .error }
  }
}
