import BulkheadFirewall

/// The text of `bulkhead reach --config`: allowed services with a witness each, then the per-rule findings.
public enum ReachText {
  public static func render(_ report: ReachReport) -> String {
    let fromText = report.from.isEmpty ? "any" : report.from.map(\.description).joined(separator: ",")
    let toText = report.to.isEmpty ? "any" : report.to.map(\.description).joined(separator: ",")
    var lines = ["\(report.file) (\(report.chain)): \(fromText) -> \(toText)"]
    if report.services.isEmpty { lines.append("  nothing allowed") }
    for s in report.services { lines.append("  allow \(s.service)  e.g. \(s.witness)") }
    for note in report.notes { lines.append("  note: \(note)") }
    if !report.findings.isEmpty { lines.append("rules:") }
    for f in report.findings {
      var line = "  \(f.rule.locationText): \(f.kind.rawValue) (chain \(f.chain))"
      if !f.shadowedBy.isEmpty { line += " by " + f.shadowedBy.map(\.locationText).joined(separator: ", ") }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}
