import BulkheadAnalysis
import BulkheadModel

/// The text `bulkhead check --whatif` prints on standard error: the inputs' errors, the conduits the change breaks,
/// the bypasses it opens, then one verdict line naming its cause; computes nothing.
public struct WhatIfGateRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The gate's lines for `gate`, taken at threshold `failOn`, each ending in a newline.
  public func render(_ gate: WhatIfGate, _ result: WhatIfResult, failOn: FindingSeverity) -> String {
    var lines: [String] = gate.inputErrors.map(\.description)
    for change in result.brokenConduitFlows {
      lines.append(
        "\(change.before.location): error: the change breaks conduit \(change.before.conduit) "
          + "(\(change.before.summary): \(change.before.coverage.rawValue) → \(change.after.coverage.rawValue))")
    }
    let declared = Set(result.brokenConduitFlows.map(\.before.conduit))
    for change in result.droppedFlows {
      guard let conduit = change.key.conduit, !declared.contains(conduit) else { continue }
      let place = change.flows.sample.first?.seenAt.first.map { "\($0): " } ?? ""
      lines.append(
        "\(place)error: the change would drop \(change.flows.flows) observed \(change.key.label) flow(s) of conduit "
          + "\(conduit)")
    }
    for finding in gate.openedBypasses {
      lines.append(
        "\(finding.location): \(finding.severity.rawValue): the change opens: \(finding.message) "
          + "[\(finding.ruleID) \(finding.fingerprint)]")
    }
    let causes =
      "\(gate.brokenConduits.count) conduit(s) broken, \(gate.openedBypasses.count) segmentation finding(s) at or "
      + "above \(failOn.rawValue) opened"
    switch gate.verdict {
    case .passed: lines.append("check passed: the change breaks no conduit and opens no bypass (\(causes))")
    case .failed: lines.append("check failed: \(causes)")
    case .incomplete:
      lines.append(
        "check failed, inputs incomplete: \(gate.inputErrors.count) error(s) in the model, firewall configs or "
          + "captures (fix them first; \(causes) among what could be read)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
