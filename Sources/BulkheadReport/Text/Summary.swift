import BulkheadAnalysis

/// One-line summaries shared by the text and Markdown reports.
enum Summary {
  /// `Inputs: 2/2 firewalls parsed (iptables, nftables; 31 rules), 6 captures (1,204 packets over 48 s), 3 not interpreted`.
  static func inputsLine(_ result: AssessmentResult) -> String {
    let parsed = result.enforcementPoints.filter(\.parsed)
    let captures = result.inputs.filter { $0.kind == .capture }.count
    let vendors = Set(parsed.compactMap(\.vendor?.name)).sorted()
    var parts = [
      "\(parsed.count)/\(result.enforcementPoints.count) firewalls parsed ("
        + (vendors.isEmpty ? "" : vendors.joined(separator: ", ") + "; ") + "\(result.firewallRules.count) rules)"
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
