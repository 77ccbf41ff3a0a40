import BulkheadAnalysis
import BulkheadModel

/// `bulkhead whatif --format markdown`: the what-if as a review comment for the pull request that proposes the
/// change (what breaks first, then what it lets through, the packet space, the findings); computes nothing.
public struct WhatIfMarkdownRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The Markdown text.
  public func render(_ result: WhatIfResult) -> String {
    var out: [String] = ["# What if: \(result.plant), \(result.date)", ""]
    out.append("Proposed: " + result.proposed.map { "`\($0)`" }.joined(separator: ", "))
    out += ["", WhatIfTextRenderer.summary(result), ""]

    out += ["## Conduits broken", ""]
    if result.brokenConduits.isEmpty { out.append("None.") }
    for change in result.brokenConduitFlows {
      var line =
        "- **\(change.before.conduit)** (`\(change.before.location)`): \(change.before.summary): "
        + "\(change.before.coverage.rawValue) → \(change.after.coverage.rawValue)"
      if let witness = change.after.blockedWitness {
        line += "; e.g. `\(witness)` dropped by " + Self.rules(change.after.blockingRules)
      }
      out.append(line)
    }
    let declared = Set(result.brokenConduitFlows.map(\.before.conduit))
    for conduit in result.brokenConduits where !declared.contains(conduit) {
      out.append("- **\(conduit)**: observed traffic it declares would be dropped (below)")
    }

    flows(&out, "Observed traffic the change would drop", result.droppedFlows)
    flows(&out, "Observed traffic, dropped today, the change would let through", result.admittedFlows)

    out += ["", "## Packet space per zone pair", ""]
    if result.zonePairs.isEmpty { out.append("No zone pair changes.") }
    if !result.zonePairs.isEmpty {
      out += ["| from | to | change | service | witness | today | after |", "|---|---|---|---|---|---|---|"]
    }
    for pair in result.zonePairs {
      for (sign, lines) in [("allowed", pair.newlyAllowed), ("denied", pair.newlyDenied)] {
        for line in lines {
          out.append(
            "| \(pair.from) | \(pair.to) | newly \(sign) | \(line.service) | `\(line.witness)` | "
              + "\(Self.cell(Self.rules(line.rulesBefore))) | \(Self.cell(Self.rules(line.rulesAfter))) |")
        }
      }
    }
    findings(&out, "Findings closed", result.closedFindings)
    findings(&out, "Findings opened", result.openedFindings)
    let notable = result.diagnostics.filter { $0.severity != .note }
    if !notable.isEmpty {
      out += ["", "## Diagnostics", ""]
      for diagnostic in notable { out.append("- `\(diagnostic)`") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func flows(_ out: inout [String], _ title: String, _ changes: [ObservedFlowChange]) {
    out += ["", "## \(title)", ""]
    if changes.isEmpty {
      out.append("None.")
      return
    }
    out += ["| from | to | traffic | flows | operations | last seen | conduit | today | after |"]
    out += ["|---|---|---|---|---|---|---|---|---|"]
    for change in changes {
      let key = change.key
      let operations = change.flows.operations.filter { $0.value > 0 }.keys.sorted().joined(separator: ", ")
      out.append(
        "| \(key.initiatorZone ?? "—") | \(key.responderZone ?? "—") | \(key.label) | \(change.flows.flows) | "
          + "\(operations.isEmpty ? "—" : operations) | \(UTCTimestamp.text(change.flows.lastSeen)) | "
          + "\(key.conduit ?? "—") | \(change.verdictBefore.rawValue): \(Self.cell(Self.rules(change.rulesBefore))) | "
          + "\(key.verdict.rawValue): \(Self.cell(Self.rules(key.verdictRules))) |")
    }
  }

  private func findings(_ out: inout [String], _ title: String, _ findings: [Finding]) {
    out += ["", "## \(title) (\(findings.count))", ""]
    if findings.isEmpty { out.append("None.") }
    for finding in findings {
      out.append(
        "- **\(finding.severity.rawValue)** \(finding.message) (`\(finding.location)`, \(finding.ruleID) "
          + "`\(finding.fingerprint)`)")
    }
  }

  private static func rules(_ rules: [FirewallRuleReference]) -> String { WhatIfTextRenderer.rules(rules) }

  /// Text safe in a table cell: pipes escaped, in code.
  private static func cell(_ text: String) -> String { "`" + text.replacingOccurrences(of: "|", with: "\\|") + "`" }
}
