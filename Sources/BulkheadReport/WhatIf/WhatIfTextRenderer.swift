import BulkheadAnalysis
import BulkheadModel

/// The terminal report of `bulkhead whatif`: one summary line, then what breaks (conduits, observed flows the change
/// would drop), what it lets through, the packet space per zone pair, and the findings closed and opened; computes
/// nothing.
public struct WhatIfTextRenderer: Sendable {
  /// Whether to use ANSI bold for headings.
  public var color: Bool
  /// Sample flows shown per class of changed traffic.
  public var sampleLimit = 3

  /// Creates a renderer.
  public init(color: Bool) { self.color = color }

  /// The report text.
  public func render(_ result: WhatIfResult) -> String {
    var out: [String] = []
    out.append(bold("\(result.plant) — Bulkhead what-if, \(result.date)"))
    out.append("Proposed: " + result.proposed.map(\.description).joined(separator: ", "))
    out.append(Self.summary(result))
    section(&out, "Conduits broken", result.brokenConduits.count) {
      for change in result.brokenConduitFlows {
        $0.append(
          "  \(change.before.location): \(change.before.conduit): \(change.before.summary)  "
            + "\(change.before.coverage.rawValue) → \(change.after.coverage.rawValue)")
        if let witness = change.after.blockedWitness {
          $0.append("    e.g. \(witness) dropped by " + Self.rules(change.after.blockingRules))
        }
      }
      let declared = Set(result.brokenConduitFlows.map(\.before.conduit))
      for conduit in result.brokenConduits where !declared.contains(conduit) {
        $0.append("  \(conduit): observed traffic it declares would be dropped (below)")
      }
    }
    flows(&out, "Observed traffic the change would drop", result.droppedFlows)
    flows(&out, "Observed traffic, dropped today, the change would let through", result.admittedFlows)
    let others = result.flowChanges.filter { !$0.startsDropping && !$0.startsAllowing }
    flows(&out, "Observed traffic whose verdict changes otherwise", others)
    let gained = result.conduitChanges.filter { !$0.losesCoverage }
    section(&out, "Declared flows the change covers better", gained.count) {
      for change in gained {
        $0.append(
          "  \(change.before.location): \(change.before.conduit): \(change.before.summary)  "
            + "\(change.before.coverage.rawValue) → \(change.after.coverage.rawValue)")
      }
    }
    section(&out, "Packet space per zone pair", result.zonePairs.count) {
      for pair in result.zonePairs {
        $0.append("  \(pair.from) → \(pair.to)")
        for line in pair.newlyAllowed {
          $0.append("    + \(line.service)  e.g. \(line.witness)")
          $0.append("        today: \(Self.rules(line.rulesBefore)); after: \(Self.rules(line.rulesAfter))")
        }
        for line in pair.newlyDenied {
          $0.append("    - \(line.service)  e.g. \(line.witness)")
          $0.append("        today: \(Self.rules(line.rulesBefore)); after: \(Self.rules(line.rulesAfter))")
        }
      }
    }
    findings(&out, "Findings closed", result.closedFindings)
    findings(&out, "Findings opened", result.openedFindings)
    let notable = result.diagnostics.filter { $0.severity != .note }
    section(&out, "Diagnostics", notable.count) {
      for diagnostic in notable.prefix(20) { $0.append("  \(diagnostic)") }
      if notable.count > 20 { $0.append("  +\(notable.count - 20) more (see --format json)") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `Breaks 1 conduit (historian-collect); drops 3 observed flows, lets through 0; closes 1 finding, opens 2.`
  static func summary(_ result: WhatIfResult) -> String {
    let broken = result.brokenConduits
    let dropped = result.droppedFlows.reduce(0) { $0 + $1.flows.flows }
    let admitted = result.admittedFlows.reduce(0) { $0 + $1.flows.flows }
    return "Breaks \(broken.count) conduit(s)" + (broken.isEmpty ? "" : " (\(broken.joined(separator: ", ")))")
      + "; drops \(dropped) of \(result.flowCount) observed flow(s), lets through \(admitted); "
      + "closes \(result.closedFindings.count) finding(s), opens \(result.openedFindings.count) "
      + "(\(result.unchangedFindings) unchanged); \(result.zonePairs.count) zone pair(s) change."
  }

  private func flows(_ out: inout [String], _ title: String, _ changes: [ObservedFlowChange]) {
    section(&out, title, changes.reduce(0) { $0 + $1.flows.flows }) {
      for change in changes {
        let key = change.key
        let operations = change.flows.operations.filter { $0.value > 0 }.keys.sorted()
        $0.append(
          "  \(key.initiatorZone ?? "(no zone)") → \(key.responderZone ?? "(no zone)") \(key.label): "
            + "\(change.flows.flows) flow(s)" + (operations.isEmpty ? "" : " (\(operations.joined(separator: ", ")))")
            + ", last seen \(UTCTimestamp.text(change.flows.lastSeen)), "
            + (key.conduit.map { "conduit \($0)" } ?? "no conduit") + (key.answered ? "" : ", unanswered"))
        $0.append("    today \(change.verdictBefore.rawValue): \(Self.rules(change.rulesBefore))")
        $0.append("    after \(change.verdictAfter.rawValue): \(Self.rules(key.verdictRules))")
        for flow in change.flows.sample.prefix(sampleLimit) {
          $0.append("    e.g. \(flow.summary)" + (flow.seenAt.first.map { "  (\($0))" } ?? ""))
        }
      }
    }
  }

  private func findings(_ out: inout [String], _ title: String, _ findings: [Finding]) {
    section(&out, title, findings.count) {
      for finding in findings {
        $0.append(
          "  \(finding.location): \(finding.severity.rawValue): \(finding.message) "
            + "[\(finding.ruleID) \(finding.fingerprint)]")
      }
    }
  }

  private func section(_ out: inout [String], _ title: String, _ count: Int, _ body: (inout [String]) -> Void) {
    out.append("")
    out.append(bold("\(title) (\(count))"))
    if count == 0 {
      out.append("  none")
      return
    }
    body(&out)
  }

  /// The deciding rules on a path, `; `-separated; `no firewall` when none decided.
  static func rules(_ rules: [FirewallRuleReference]) -> String {
    rules.isEmpty ? "no firewall" : rules.map(\.description).joined(separator: "; ")
  }

  private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
