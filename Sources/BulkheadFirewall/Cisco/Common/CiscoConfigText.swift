import BulkheadModel

/// Cisco CLI configuration text (`show running-config` of IOS, IOS-XE and ASA) as a tree of commands, before any
/// meaning is given to them.
///
/// A command is one line of words; the lines indented below it are its sub-commands (`interface Gi0/1` /
/// ` nameif inside`, `policy-map type inspect P` / ` class type inspect C` / `  inspect`). `!` (and the ASA's `:`)
/// starts a comment line and, after a blank, a trailing comment; `exit` closes a sub-command mode; `end` ends the
/// configuration. IOS banners (`banner motd ^C … ^C`) run to their delimiter and become one command holding every
/// line of the text. Every line ends up in a command, a comment, a blank, or a diagnostic.
struct CiscoConfigText {
  /// One command with its sub-commands.
  struct Command {
    /// The words of the line (a trailing comment removed).
    var words: [String]
    /// The 1-based line.
    var line: Int
    /// The line as written (trimmed), for provenance.
    var text: String
    /// The indented sub-commands, in order.
    var children: [Command] = []
    /// The last line of the command and its sub-commands (a banner's closing delimiter).
    var endLine: Int

    /// The first word, lower case (`access-list`, `interface`).
    var keyword: String { words.first?.lowercased() ?? "" }

    /// The words from `index` on, joined by blanks.
    func rest(from index: Int) -> String { words.dropFirst(index).joined(separator: " ") }

    /// Every line of the command and its sub-commands.
    var lines: ClosedRange<Int> { line...max(line, endLine) }
  }

  /// The top-level commands, in file order.
  var commands: [Command] = []
  /// Lines that are comments, `exit`, `end` or blank: accounted for by the syntax itself.
  var syntaxLines: Set<Int> = []
  /// Syntax problems, with their lines.
  var diagnostics: [Diagnostic] = []

  /// Reads the text. `delimitedBanners`: IOS writes a banner as `banner TYPE <d>text…<d>` over several lines; the ASA
  /// writes one `banner TYPE text` command per line.
  init(text: String, file: String, delimitedBanners: Bool) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
      line.hasSuffix("\r") ? line.dropLast() : line
    }
    // (indent, command) pairs of the open commands, innermost last.
    var stack: [(indent: Int, command: Command)] = []
    func close(downTo indent: Int) {
      while let last = stack.last, last.indent >= indent {
        stack.removeLast()
        if var parent = stack.popLast() {
          parent.command.children.append(last.command)
          parent.command.endLine = max(parent.command.endLine, last.command.endLine)
          stack.append(parent)
        } else {
          commands.append(last.command)
        }
      }
    }
    var index = 0
    while index < lines.count {
      let raw = lines[index]
      let number = index + 1
      index += 1
      let indent = raw.prefix(while: { $0 == " " || $0 == "\t" }).count
      let body = raw.dropFirst(indent).trimmingTrailingBlanks()
      // `:` starts the ASA's comment lines (`: Saved`, `: Serial Number: …`, `: end` of show running-config).
      if body.isEmpty || body.hasPrefix("!") || body.hasPrefix("#") || body.hasPrefix(":") {
        syntaxLines.insert(number)
        continue
      }
      var words = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      let keyword = words[0].lowercased()
      if keyword == "exit" || keyword == "end" || keyword == "exit-address-family" && indent == 0 {
        // `exit` leaves the sub-command mode of the last command at this level or above; `end` the configuration.
        syntaxLines.insert(number)
        close(downTo: keyword == "end" ? 0 : indent)
        continue
      }
      var endLine = number
      if delimitedBanners && keyword == "banner" && words.count >= 2 {
        endLine = Self.bannerEnd(lines, from: index - 1, file: file, diagnostics: &diagnostics)
        index = endLine
        words = Array(words.prefix(2))
      } else if !Self.isFreeText(keyword), let comment = words.firstIndex(where: { $0.hasPrefix("!") }), comment > 0 {
        // A trailing `! …` after a blank: a comment (accepted in configuration files, never printed by the device).
        words = Array(words[..<comment])
        diagnostics.append(
          Diagnostic(
            .note, .syntax, "trailing comment '\(body.split(separator: "!", maxSplits: 1).last ?? "")' ignored",
            at: SourceLocation(file: file, line: number)))
      }
      close(downTo: indent)
      stack.append((indent, Command(words: words, line: number, text: String(body), endLine: endLine)))
    }
    close(downTo: 0)
  }

  /// Commands whose words after the keyword are free text (a `!` there is text, not a comment).
  private static func isFreeText(_ keyword: String) -> Bool {
    ["remark", "description", "banner", "alias", "motd"].contains(keyword)
  }

  /// The last line of a delimited banner starting at `start` (0-based): the delimiter is the first character after
  /// `banner TYPE ` (`^C`, written as two characters in text exports, counts as one delimiter).
  private static func bannerEnd(
    _ lines: [Substring], from start: Int, file: String, diagnostics: inout [Diagnostic]
  ) -> Int {
    let first = lines[start].drop(while: { $0 == " " || $0 == "\t" })
    var words = first.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard words.count == 3 else { return start + 1 }
    let opening = words.removeLast()
    let delimiter: Substring = opening.hasPrefix("^C") ? "^C" : opening.prefix(1)
    let afterOpening = opening.dropFirst(delimiter.count)
    if afterOpening.contains(delimiter) { return start + 1 }
    var index = start + 1
    while index < lines.count {
      if lines[index].contains(delimiter) { return index + 1 }
      index += 1
    }
    diagnostics.append(
      Diagnostic(
        .error, .syntax, "banner has no closing '\(delimiter)' (truncated file?)",
        at: SourceLocation(file: file, line: start + 1)))
    return lines.count
  }
}

extension Substring {
  fileprivate func trimmingTrailingBlanks() -> Substring {
    var s = self
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return s
  }
}
