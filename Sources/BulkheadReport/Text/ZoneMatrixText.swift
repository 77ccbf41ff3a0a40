import BulkheadAnalysis

/// The zone matrix as fixed-width text.
enum ZoneMatrixText {
  static func lines(_ result: AssessmentResult) -> [String] {
    let zones = ZoneOrder.ids(result)
    let width = max(6, (zones.map(\.count).max() ?? 6) + 1)
    func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
    var lines = ["  " + pad("") + zones.map(pad).joined()]
    for from in zones {
      var row = "  " + pad(from)
      for to in zones {
        if from == to {
          row += pad("·")
        } else if let record = result.zonePairs.first(where: { $0.from == from && $0.to == to }) {
          row += pad(record.cell.code)
        } else {
          row += pad("?")
        }
      }
      lines.append(row)
    }
    return lines
  }
}
