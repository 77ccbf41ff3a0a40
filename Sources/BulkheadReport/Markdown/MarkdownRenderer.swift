import BulkheadAnalysis
import BulkheadModel

/// The assessment as Markdown: summary, fix-first list, findings by category with evidence, zone matrix.
public struct MarkdownRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The Markdown text.
  public func render(_ result: AssessmentResult) -> String {
    var out: [String] = []
    out.append("# \(result.plant) — Bulkhead assessment")
    out.append("")
    out.append("Assessed \(result.date) with Bulkhead \(result.toolVersion). \(Summary.inputsLine(result)).")
    out.append("")
    out.append(
      "| severity | findings |\n|---|---|\n"
        + result.countsBySeverity.map { "| \($0.0.rawValue) | \($0.1) |" }.joined(separator: "\n"))
    if !result.fixFirst.isEmpty {
      out.append("")
      out.append("## Fix these first")
      out.append("")
      for (index, finding) in result.fixFirst.enumerated() {
        out.append(
          "\(index + 1). **\(finding.severity.rawValue)** \(Self.escape(finding.message)) — `\(finding.location)` "
            + "(`\(finding.ruleID)`, blast radius \(finding.blastRadius))")
      }
    }
    for category in FindingCategory.allCases {
      let findings = result.findings.filter { $0.category == category }
      guard !findings.isEmpty else { continue }
      out.append("")
      out.append("## \(category.rawValue.capitalized) (\(findings.count))")
      for finding in findings {
        out.append("")
        out.append("- **\(finding.severity.rawValue)** `\(finding.ruleID)` \(Self.escape(finding.message))  ")
        out.append("  at `\(finding.location)`")
        for evidence in finding.evidence {
          out.append("  - \(Self.escape(evidence.summary))" + (evidence.location.map { " (`\($0)`)" } ?? ""))
        }
      }
    }
    out.append("")
    out.append("## Zone matrix")
    out.append("")
    out.append("Row → column. D declared, C configured, O observed, ! the views disagree.")
    out.append("")
    let zones = ZoneOrder.ids(result)
    out.append("| from \\ to | " + zones.joined(separator: " | ") + " |")
    out.append("|---|" + zones.map { _ in "---" }.joined(separator: "|") + "|")
    for from in zones {
      let cells = zones.map { to -> String in
        if from == to { return "·" }
        return result.zonePairs.first { $0.from == from && $0.to == to }?.cell.code ?? "?"
      }
      out.append("| \(from) | " + cells.joined(separator: " | ") + " |")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// Escapes the characters Markdown would interpret inside running text.
  static func escape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      if "|*_`<>[]".contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }
}
