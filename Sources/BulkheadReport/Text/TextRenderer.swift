import BulkheadAnalysis
import BulkheadModel

/// The terminal report: a one-screen summary and the "fix these first" list, then the findings by category and
/// rule (each finding one cause, with its evidence), then the zone matrix. Colour only when asked (a TTY).
public struct TextRenderer: Sendable {
  /// Whether to use ANSI colours.
  public var color: Bool
  /// Evidence lines shown per finding before "+N more".
  public var evidenceLimit = 6
  /// Findings shown per rule before "+N more" (nil: all of them).
  public var limit: Int?

  /// Creates a renderer; `limit` findings per rule are listed (nil: all).
  public init(color: Bool, limit: Int? = nil) {
    self.color = color
    self.limit = limit
  }

  /// The report text.
  public func render(_ result: AssessmentResult) -> String {
    var out: [String] = []
    out.append(bold("\(result.plant) — Bulkhead assessment, \(result.date)"))
    out.append(Summary.inputsLine(result))
    out.append(
      "Findings: "
        + result.countsBySeverity.filter { $0.1 > 0 }.map { "\($0.1) \(paint($0.0.rawValue, $0.0))" }
        .joined(separator: ", ") + (result.findings.isEmpty ? "none" : ""))
    if !result.fixFirst.isEmpty {
      out.append("")
      out.append(bold("Fix these first"))
      for (index, finding) in result.fixFirst.enumerated() {
        out.append("  \(index + 1). \(paint("[\(finding.severity.rawValue)]", finding.severity)) \(finding.message)")
        out.append("     \(finding.location)  (\(finding.ruleID), blast radius \(finding.blastRadius))")
      }
    }
    var hidden = 0
    for category in FindingCategory.allCases {
      let findings = result.findings.filter { $0.category == category }
      guard !findings.isEmpty else { continue }
      out.append("")
      out.append(bold("\(category.rawValue.capitalized) (\(findings.count))"))
      var rules: [String] = []
      for finding in findings where !rules.contains(finding.ruleID) { rules.append(finding.ruleID) }
      for rule in rules {
        let ofRule = findings.filter { $0.ruleID == rule }
        let title = result.rules.first { $0.id == rule }?.title ?? rule
        out.append("  \(bold(rule)) — \(title) (\(ofRule.count))")
        let shown = limit.map { Array(ofRule.prefix($0)) } ?? ofRule
        for finding in shown {
          out.append(
            "    \(finding.location): \(paint(finding.severity.rawValue, finding.severity)): \(finding.message)")
          for evidence in finding.evidence.prefix(evidenceLimit) {
            out.append("      · \(evidence.summary)" + (evidence.location.map { "  (\($0))" } ?? ""))
          }
          if finding.evidence.count > evidenceLimit {
            out.append("      · +\(finding.evidence.count - evidenceLimit) more (see --format json)")
          }
        }
        if shown.count < ofRule.count {
          out.append("    +\(ofRule.count - shown.count) more \(rule) findings")
          hidden += ofRule.count - shown.count
        }
      }
    }
    if hidden > 0 {
      out.append("")
      out.append("\(hidden) findings not listed: --all lists every one, --limit N shows N per rule.")
    }
    out.append("")
    out.append(bold("Zone matrix") + " (row → column; D declared, C configured, O observed, ! views disagree)")
    out.append(contentsOf: ZoneMatrixText.lines(result))
    let notable = result.diagnostics.filter { $0.severity != .note }
    if !notable.isEmpty {
      out.append("")
      out.append(bold("Diagnostics (\(notable.count))"))
      for diagnostic in notable.prefix(20) { out.append("  \(diagnostic)") }
      if notable.count > 20 { out.append("  +\(notable.count - 20) more (see --format json)") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

  private func paint(_ text: String, _ severity: FindingSeverity) -> String {
    guard color else { return text }
    let code =
      switch severity {
      case .critical: "1;31"
      case .high: "31"
      case .medium: "33"
      case .low: "36"
      case .info: "2"
      }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}
