import BulkheadAnalysis

/// The zone matrix: source zones as rows, destination zones as columns, each cell the pair's `D C O` code (declared,
/// configured, observed, `!` when the views disagree), coloured, and linked to the pair's detail in the binder.
public struct ZoneMatrixRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// An HTML `<table>` with a legend; links point at `#pair-…` anchors of the binder.
  public func html(_ result: AssessmentResult) -> String {
    let zones = ZoneOrder.ids(result)
    var out = ["<table class=\"matrix\">", "<thead><tr><th class=\"corner\">from \\ to</th>"]
    for zone in zones { out.append("<th scope=\"col\">\(HTMLEscape.text(zone))</th>") }
    out.append("</tr></thead>")
    out.append("<tbody>")
    for from in zones {
      var row = "<tr><th scope=\"row\">\(HTMLEscape.text(from))</th>"
      for to in zones {
        if from == to {
          row += "<td class=\"cell-same\">·</td>"
        } else if let record = result.zonePairs.first(where: { $0.from == from && $0.to == to }) {
          let cell = record.cell
          let tone = ZoneMatrixTone(cell)
          let title = HTMLEscape.text("\(from) → \(to): " + ZoneMatrixTone.explanation(cell))
          let code = HTMLEscape.text(cell.code)
          row +=
            !Self.hasDetail(record)
            ? "<td class=\"cell-empty\" title=\"\(title)\">\(code)</td>"
            : "<td class=\"cell-\(tone.rawValue)\" title=\"\(title)\"><a href=\"#\(BinderAnchor.pair(from, to))\">"
              + "\(code)</a></td>"
        } else {
          row += "<td class=\"cell-empty\">?</td>"
        }
      }
      out.append(row + "</tr>")
    }
    out.append("</tbody></table>")
    out.append(
      "<p class=\"legend\">Row → column. <b>D</b> declared, <b>C</b> configured, <b>O</b> observed, <b>!</b> the "
        + "views disagree. <span class=\"cell-agree\">agree</span> <span class=\"cell-partial\">partial</span> "
        + "<span class=\"cell-disagree\">disagree</span> <span class=\"cell-alarm\">answered but should be "
        + "dropped</span></p>")
    return out.joined(separator: "\n") + "\n"
  }

  /// A Markdown table; non-empty cells link to the binder's `#pair-…` anchors.
  public func markdown(_ result: AssessmentResult) -> String {
    let zones = ZoneOrder.ids(result)
    var out = ["| from \\ to | " + zones.joined(separator: " | ") + " |"]
    out.append("|---|" + zones.map { _ in "---" }.joined(separator: "|") + "|")
    for from in zones {
      let cells = zones.map { to -> String in
        if from == to { return "·" }
        guard let record = result.zonePairs.first(where: { $0.from == from && $0.to == to }) else { return "?" }
        let cell = record.cell
        let code = cell.code.hasSuffix("!") ? "**\(cell.code)**" : cell.code
        return !Self.hasDetail(record) ? code : "[\(code)](#\(BinderAnchor.pair(from, to)))"
      }
      out.append("| \(from) | " + cells.joined(separator: " | ") + " |")
    }
    out.append("")
    out.append("Row → column. D declared, C configured, O observed, ! the views disagree (bold).")
    return out.joined(separator: "\n") + "\n"
  }

  /// Whether the binder has a detail section for the pair (anything declared, permitted or seen, even dropped).
  static func hasDetail(_ record: ZonePairRecord) -> Bool {
    !record.declared.isEmpty || !record.permitted.isEmpty || !record.observed.isEmpty
  }
}
