import BulkheadFirewall

/// The text of `bulkhead trace MODEL`: the zones, each firewall crossed with its deciding rule, the outcome.
public enum PlantTraceText {
  public static func render(_ trace: PlantTrace) -> String {
    var lines = ["packet: \(trace.packet)", "zones: \(trace.sourceZone ?? "?") -> \(trace.destinationZone ?? "?")"]
    for hop in trace.hops {
      let how: String
      if let rule = hop.result.rule {
        how = "by \(rule.locationText)" + (rule.comment.map { " \"\($0)\"" } ?? "")
      } else {
        how = "by the default policy of chain \(hop.result.chain)"
      }
      lines.append(
        "  \(hop.firewall) (\(hop.inInterface ?? "?") -> \(hop.outInterface ?? "?")): "
          + "\(hop.result.verdict.rawValue.uppercased()) \(how)")
    }
    for note in trace.notes { lines.append("  note: \(note)") }
    lines.append(trace.outcome.rawValue.uppercased())
    return lines.joined(separator: "\n")
  }
}
