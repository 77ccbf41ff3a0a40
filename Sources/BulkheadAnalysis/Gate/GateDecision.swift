import BulkheadModel

/// What `bulkhead check` decides: which findings block the pipeline, which are accepted, which acceptances expired
/// or match nothing any more.
public struct GateDecision: Sendable {
  /// Findings at or above the threshold that no valid acceptance covers: these fail the gate.
  public var blocking: [Finding]
  /// Findings covered by an acceptance that has not expired.
  public var accepted: [(Finding, AcceptedFinding)]
  /// Acceptances past their expiry date (their findings count again).
  public var expired: [AcceptedFinding]
  /// Acceptances whose fingerprint matches no current finding (the gap was closed: remove them).
  public var unused: [AcceptedFinding]
  /// Problems in the accepted-findings file.
  public var diagnostics: [Diagnostic]

  /// Whether the gate passes.
  public var passes: Bool { blocking.isEmpty && !diagnostics.contains { $0.severity == .error } }

  /// Decides the gate for `findings` at threshold `failOn`, judged on `today`.
  public init(
    findings: [Finding], failOn: FindingSeverity, acceptances: [AcceptedFinding], diagnostics: [Diagnostic] = [],
    today: CalendarDate
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
        if let rule = acceptance.rule, rule != finding.ruleID {
          problems.append(
            Diagnostic(
              .error, code: "BH806",
              "acceptance names rule \(rule) but fingerprint \(finding.fingerprint) is a \(finding.ruleID) finding",
              at: acceptance.location))
        }
        accepted.append((finding, acceptance))
        used.insert(acceptance.fingerprint)
      } else if finding.severity >= failOn {
        blocking.append(finding)
      }
    }
    self.blocking = blocking
    self.accepted = accepted
    self.expired = expired
    self.unused = byFingerprint.values.filter { !used.contains($0.fingerprint) }.sorted { $0.location < $1.location }
    self.diagnostics = problems
  }
}
