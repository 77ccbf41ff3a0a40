/// Writes binder blocks as one self-contained HTML page: inline CSS and SVG, no scripts, no network fetches (a
/// Content-Security-Policy forbids them), print-ready.
struct BinderHTMLWriter {
  /// The page title.
  let title: String
  /// The inline `<svg>` element of each diagram, or `nil` with the reason it is missing.
  let diagram: (DiagramKind) -> (svg: String?, missing: String)
  /// The zone matrix as an HTML fragment.
  let matrix: String

  func write(_ blocks: [BinderBlock]) -> String {
    var out = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        + "img-src data:\">",
      "<meta name=\"generator\" content=\"Bulkhead\">",
      "<title>\(HTMLEscape.text(title))</title>",
      "<style>",
      BinderStyle.css.trimmingSuffixNewlines(),
      "</style>",
      "</head>",
      "<body>",
      "<main>",
    ]
    var firstList = true
    for block in blocks {
      switch block {
      case .heading(let level, let text, let anchor):
        let tag = "h\(max(1, min(6, level)))"
        let id = anchor.map { " id=\"\(HTMLEscape.text($0))\"" } ?? ""
        out.append("<\(tag)\(id)>\(HTMLEscape.text(text))</\(tag)>")
      case .paragraph(let inlines):
        out.append("<p>\(line(inlines))</p>")
      case .list(let items, let ordered):
        let tag = ordered ? "ol" : "ul"
        // The first list is the table of contents.
        let attributes = firstList ? " class=\"toc\"" : ""
        firstList = false
        out.append("<\(tag)\(attributes)>")
        for item in items { out.append("<li>\(line(item))</li>") }
        out.append("</\(tag)>")
      case .table(let header, let rows):
        out.append("<div class=\"table-wrap\"><table>")
        out.append("<thead><tr>" + header.map { "<th>\(HTMLEscape.text($0))</th>" }.joined() + "</tr></thead>")
        out.append("<tbody>")
        for row in rows { out.append("<tr>" + row.map { "<td>\(line($0))</td>" }.joined() + "</tr>") }
        out.append("</tbody></table></div>")
      case .facts(let facts):
        out.append("<dl class=\"facts\">")
        for fact in facts {
          out.append("<dt>\(HTMLEscape.text(fact.label))</dt><dd>\(line(fact.value))</dd>")
        }
        out.append("</dl>")
      case .diagram(let kind, let caption):
        let rendered = diagram(kind)
        out.append("<figure class=\"diagram\" id=\"figure-\(kind.rawValue)\">")
        if let svg = rendered.svg {
          out.append(svg)
        } else {
          out.append("<p class=\"missing\">\(HTMLEscape.text(rendered.missing))</p>")
        }
        out.append("<figcaption>\(HTMLEscape.text(caption))</figcaption>")
        out.append("</figure>")
      case .zoneMatrix:
        out.append(matrix.trimmingSuffixNewlines())
      }
    }
    out += ["</main>", "</body>", "</html>"]
    return out.joined(separator: "\n") + "\n"
  }

  private func line(_ inlines: [BinderInline]) -> String {
    inlines.map { inline in
      switch inline {
      case .text(let text): HTMLEscape.text(text)
      case .code(let text): "<code>\(HTMLEscape.text(text))</code>"
      case .strong(let text): "<strong>\(HTMLEscape.text(text))</strong>"
      case .link(let text, let anchor): "<a href=\"#\(HTMLEscape.text(anchor))\">\(HTMLEscape.text(text))</a>"
      case .badge(let text, let tone):
        "<span class=\"badge \(HTMLEscape.text(tone))\">\(HTMLEscape.text(text))</span>"
      }
    }.joined()
  }
}
