/// Writes binder blocks as GitHub-flavoured Markdown; anchors are explicit `<a id>` tags so links match the HTML.
struct BinderMarkdownWriter {
  /// The Markdown for a diagram (a link to the file written beside the binder).
  let diagram: (DiagramKind, String) -> String
  /// The zone matrix as Markdown.
  let matrix: String

  func write(_ blocks: [BinderBlock]) -> String {
    var out: [String] = []
    for block in blocks {
      switch block {
      case .heading(let level, let text, let anchor):
        let marker = String(repeating: "#", count: max(1, min(6, level)))
        out.append(marker + " " + (anchor.map { "<a id=\"\($0)\"></a>" } ?? "") + Self.escape(text))
      case .paragraph(let inlines):
        out.append(line(inlines))
      case .list(let items, let ordered):
        out.append(
          items.enumerated().map { index, item in (ordered ? "\(index + 1). " : "- ") + line(item) }
            .joined(separator: "\n"))
      case .table(let header, let rows):
        out.append(table(header: header, rows: rows))
      case .facts(let facts):
        out.append(table(header: ["", ""], rows: facts.map { [[.strong($0.label)], $0.value] }))
      case .diagram(let kind, let caption):
        out.append(diagram(kind, caption))
      case .zoneMatrix:
        out.append(matrix.trimmingSuffixNewlines())
      }
    }
    return out.joined(separator: "\n\n") + "\n"
  }

  private func table(header: [String], rows: [[[BinderInline]]]) -> String {
    var lines = ["| " + header.map { Self.escape($0, inTable: true) }.joined(separator: " | ") + " |"]
    lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
    for row in rows {
      lines.append("| " + row.map { line($0, inTable: true) }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  private func line(_ inlines: [BinderInline], inTable: Bool = false) -> String {
    inlines.map { inline in
      switch inline {
      case .text(let text): Self.escape(text, inTable: inTable)
      case .code(let text): Self.code(text, inTable: inTable)
      case .strong(let text): "**" + Self.escape(text, inTable: inTable) + "**"
      case .link(let text, let anchor): "[" + Self.escape(text, inTable: inTable) + "](#\(anchor))"
      case .badge(let text, _): "**" + Self.escape(text, inTable: inTable) + "**"
      }
    }.joined()
  }

  /// Escapes what Markdown would interpret in running text (and `|` in tables); newlines become spaces.
  static func escape(_ text: String, inTable: Bool = false) -> String {
    var escaped = ""
    for character in text {
      if character == "\n" || character == "\r" {
        escaped.append(" ")
        continue
      }
      if "\\*_`<>[]#|".contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }

  /// A code span long enough to hold any backticks inside; `|` escaped in tables (GitHub splits cells on it).
  static func code(_ text: String, inTable: Bool) -> String {
    var body = text.replacingNewlines()
    if inTable { body = body.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
    var longest = 0
    var run = 0
    for character in body {
      run = character == "`" ? run + 1 : 0
      longest = Swift.max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
    return fence + padded + fence
  }
}

extension String {
  func trimmingSuffixNewlines() -> String {
    var text = self
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }

  func replacingNewlines() -> String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
