import BulkheadFirewall

/// The text of `bulkhead trace --config`: every rule looked at, the notes, and the deciding rule or policy.
public enum TraceText {
  public static func render(_ report: TraceReport) -> String {
    let result = report.result
    var lines = ["packet: \(report.packet)"]
    for step in result.path {
      let mark = step.matched ? "match" : "     "
      lines.append("  [\(mark)] \(step.chain)#\(step.position + 1) \(step.rule.locationText)  \(step.rule.text)")
    }
    for note in result.notes { lines.append("  note: \(note)") }
    if let rule = result.rule {
      var decided = "\(result.verdict.rawValue.uppercased()) by \(rule.locationText) (chain \(result.chain))"
      if let comment = rule.comment { decided += " \"\(comment)\"" }
      lines.append(decided)
      lines.append("  \(rule.text)")
    } else {
      lines.append("\(result.verdict.rawValue.uppercased()) by the default policy of chain \(result.chain)")
    }
    return lines.joined(separator: "\n")
  }
}
