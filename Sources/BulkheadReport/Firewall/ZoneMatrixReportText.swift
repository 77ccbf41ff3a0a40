import BulkheadFirewall

/// The text of `bulkhead reach MODEL`: one block per zone pair that has anything allowed (or is not filtered).
public enum ZoneMatrixReportText {
  public static func render(_ report: ZoneMatrixReport) -> String {
    var out: [String] = []
    for cell in report.cells {
      let via = cell.firewalls.isEmpty ? "no firewall" : cell.firewalls.joined(separator: ", ")
      if cell.services.isEmpty {
        out.append(
          "\(cell.from) -> \(cell.to) (\(via)): nothing allowed\(cell.status == "unknown" ? " (unknown)" : "")")
        continue
      }
      out.append("\(cell.from) -> \(cell.to) (\(via))\(cell.status == "filtered" ? "" : " [\(cell.status)]"):")
      for line in cell.services {
        out.append("  allow \(line.service)  e.g. \(line.witness)")
        for rule in line.rules { out.append("    \(rule)") }
      }
    }
    return out.joined(separator: "\n")
  }
}
