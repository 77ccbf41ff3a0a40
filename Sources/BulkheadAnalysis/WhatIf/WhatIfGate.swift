import BulkheadModel

/// What `bulkhead check --whatif` decides about a proposed firewall change: it fails when the change breaks a
/// declared conduit or opens a segmentation finding (a new bypass, permit or any/any) at or above the threshold
/// that no acceptance covers, and fails closed when an input on either side could not be read.
public struct WhatIfGate: Sendable {
  /// The conduits the change breaks.
  public var brokenConduits: [String]
  /// The segmentation findings the change opens at or above the threshold, not accepted.
  public var openedBypasses: [Finding]
  /// Error-level diagnostics of either side's inputs, and of the accepted-findings file.
  public var inputErrors: [Diagnostic]

  /// Decides the gate for `result` at threshold `failOn`; `acceptances` (not expired on `result.date`) cover opened
  /// findings by fingerprint, as in `bulkhead check`.
  public init(
    _ result: WhatIfResult, failOn: FindingSeverity, acceptances: [AcceptedFinding] = [],
    diagnostics: [Diagnostic] = []
  ) {
    let accepted = Set(acceptances.filter { $0.expires >= result.date }.map(\.fingerprint))
    brokenConduits = result.brokenConduits
    openedBypasses = result.openedFindings.filter {
      $0.category == .segmentation && $0.severity >= failOn && !accepted.contains($0.fingerprint)
    }
    inputErrors = (result.diagnostics + diagnostics).filter { $0.severity == .error }
  }

  /// The outcome: incomplete inputs outrank the rest, as in ``GateDecision``.
  public var verdict: GateDecision.Verdict {
    if !inputErrors.isEmpty { return .incomplete }
    return brokenConduits.isEmpty && openedBypasses.isEmpty ? .passed : .failed
  }
}
