import BulkheadAnalysis

/// One-line summaries shared by the text and Markdown reports.
enum Summary {
  /// `Inputs: 2 firewalls (31 rules), 6 captures (1,204 packets over 48 s), 3 not interpreted`.
  static func inputsLine(_ result: AssessmentResult) -> String {
    let firewalls = result.enforcementPoints.filter(\.parsed).count
    let captures = result.inputs.filter { $0.kind == .capture }.count
    var parts = [
      "\(firewalls)/\(result.enforcementPoints.count) firewalls parsed (\(result.firewallRules.count) rules)"
    ]
    var captureText = "\(captures) captures (\(result.packetsRead) packets"
    if let window = result.window { captureText += " over \(window.durationText)" }
    parts.append(captureText + ")")
    parts.append("\(result.flowCount) flows")
    let uninterpreted = result.diagnostics.filter { $0.severity != .note }.count
    if uninterpreted > 0 { parts.append("\(uninterpreted) diagnostics") }
    return "Inputs: " + parts.joined(separator: ", ")
  }
}
