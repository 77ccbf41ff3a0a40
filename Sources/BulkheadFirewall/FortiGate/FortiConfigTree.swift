import BulkheadModel

/// FortiOS configuration syntax (`show full-configuration`, backup `.conf`), parsed into a tree without interpreting
/// it: `config PATH … end` sections holding `edit NAME … next` entries or direct settings, `set KEY VALUE…` and
/// `unset KEY` settings, sections nested in entries (`config vdom` / `edit root` / `config firewall policy`).
///
/// Values are words or quoted strings (`"…"` or `'…'`; a quoted string may span lines: `set buffer "…"` in
/// replacement messages); a backslash makes the next character literal. `#` starts a comment line. The editing
/// commands of a configuration script are applied as FortiOS applies them: `append`/`select`/`unselect` on list
/// settings, `delete`, `purge`, `rename … to …`, `clone … to …` and `move … before|after …` on entries. Every line
/// ends up in a node, a comment, or a diagnostic.
struct FortiConfigTree {
  /// One `set` (or `unset`: no values) line.
  struct Setting {
    /// How the line changes the setting.
    enum Mode {
      case set, unset, append, unselect
    }
    var key: String
    var values: [String]
    var line: Int
    var mode: Mode = .set
    var isUnset: Bool { mode == .unset }
  }

  /// One `edit NAME … next` block.
  struct Entry {
    var name: String
    var line: Int
    var settings: [Setting] = []
    var sections: [Section] = []

    /// The value of a key after every `set`, `unset`, `append` and `unselect` of it in order (FortiOS keeps the
    /// last `set`), with the line of the last change; `nil` when absent or unset.
    func setting(_ key: String) -> Setting? {
      var current: Setting? = nil
      for s in settings where s.key == key {
        switch s.mode {
        case .set: current = s
        case .unset: current = nil
        case .append:
          current = Setting(key: key, values: (current?.values ?? []) + s.values, line: s.line)
        case .unselect:
          current = current.map { Setting(key: key, values: $0.values.filter { !s.values.contains($0) }, line: s.line) }
        }
      }
      return current
    }
  }

  /// One `config PATH … end` block.
  struct Section {
    /// The words after `config` (`["firewall", "policy"]`).
    var path: [String]
    var line: Int
    /// The line of its `end` (the last line when the file ends first).
    var endLine: Int
    var entries: [Entry] = []
    /// Settings written directly in the section (`config system global` / `set hostname …`).
    var settings: [Setting] = []
    /// Sections written directly in the section, outside any entry.
    var sections: [Section] = []
    /// `rename OLD to NEW` commands, in order: FortiOS updates every reference to a renamed entry.
    var renames: [(old: String, new: String)] = []

    var name: String { path.joined(separator: " ") }
  }

  var sections: [Section] = []
  var diagnostics: [Diagnostic] = []

  /// One statement: its words and the line it starts on.
  private struct Statement {
    var words: [String]
    var line: Int
  }

  init(text: String, file: String) {
    let statements = Self.statements(text, file: file, diagnostics: &diagnostics)
    var index = 0
    var top: [Section] = []
    while index < statements.count {
      let statement = statements[index]
      if statement.words.first == "config" {
        top.append(Self.section(statements, &index, file: file, diagnostics: &diagnostics))
      } else {
        diagnostics.append(
          Diagnostic(
            .warning, .syntax,
            "'\(statement.words.joined(separator: " "))' outside any 'config' section; line ignored",
            at: SourceLocation(file: file, line: statement.line)))
        index += 1
      }
    }
    sections = top
  }

  /// Reads `config …` at `index` up to its `end`.
  private static func section(
    _ statements: [Statement], _ index: inout Int, file: String, diagnostics: inout [Diagnostic]
  ) -> Section {
    let opening = statements[index]
    var section = Section(
      path: Array(opening.words.dropFirst()), line: opening.line, endLine: statements.last?.line ?? opening.line)
    index += 1
    var entry: Entry? = nil
    func closeEntry() {
      if let open = entry { section.entries.append(open) }
      entry = nil
    }
    while index < statements.count {
      let statement = statements[index]
      let words = statement.words
      switch words.first {
      case "end":
        closeEntry()
        section.endLine = statement.line
        index += 1
        return section
      case "edit":
        closeEntry()
        entry = Entry(name: words.count > 1 ? words[1] : "", line: statement.line)
        if words.count != 2 {
          diagnostics.append(
            Diagnostic(
              .warning, .syntax, "'edit' takes one name, got \(words.count - 1)",
              at: SourceLocation(file: file, line: statement.line)))
        }
        index += 1
      case "next":
        if entry == nil {
          diagnostics.append(
            Diagnostic(.warning, .syntax, "'next' without 'edit'", at: SourceLocation(file: file, line: statement.line))
          )
        }
        closeEntry()
        index += 1
      case "set", "unset", "append", "select", "unselect":
        let mode: Setting.Mode =
          switch words[0] {
          case "unset": .unset
          case "append": .append
          case "unselect": .unselect
          default: .set
          }
        let setting = Setting(
          key: words.count > 1 ? words[1] : "", values: Array(words.dropFirst(2)), line: statement.line, mode: mode)
        if words.count < 2 {
          diagnostics.append(
            Diagnostic(
              .warning, .syntax, "'\(words[0])' without a setting name",
              at: SourceLocation(file: file, line: statement.line)))
        }
        if entry != nil { entry?.settings.append(setting) } else { section.settings.append(setting) }
        index += 1
      case "delete", "purge", "rename", "clone", "move":
        closeEntry()
        edit(&section, words, line: statement.line, file: file, diagnostics: &diagnostics)
        index += 1
      case "config":
        let inner = Self.section(statements, &index, file: file, diagnostics: &diagnostics)
        if entry != nil { entry?.sections.append(inner) } else { section.sections.append(inner) }
      default:
        diagnostics.append(
          Diagnostic(
            .warning, .syntax, "'\(words.first ?? "")' is not a FortiOS configuration statement; line ignored",
            at: SourceLocation(file: file, line: statement.line)))
        index += 1
      }
    }
    closeEntry()
    diagnostics.append(
      Diagnostic(
        .error, .syntax, "section 'config \(section.name)' has no 'end' (truncated file?)",
        at: SourceLocation(file: file, line: opening.line)))
    return section
  }

  /// Applies an entry-editing command of a configuration script to the entries read so far.
  private static func edit(
    _ section: inout Section, _ words: [String], line: Int, file: String, diagnostics: inout [Diagnostic]
  ) {
    func problem(_ message: String) {
      diagnostics.append(Diagnostic(.warning, .syntax, message, at: SourceLocation(file: file, line: line)))
    }
    func index(_ name: String) -> Int? { section.entries.lastIndex { $0.name == name } }
    switch words[0] {
    case "purge":
      section.entries = []
    case "delete":
      guard words.count == 2, let i = index(words[1]) else {
        return problem("'delete' of an entry that does not exist")
      }
      section.entries.remove(at: i)
    case "rename", "clone":
      guard words.count == 4, words[2] == "to" else {
        return problem("'\(words[0])' needs an entry, 'to' and a new name")
      }
      if words[0] == "rename" {
        // The entry may come from an earlier section of the same path: the reader applies the rename to names.
        if let i = index(words[1]) { section.entries[i].name = words[3] }
        section.renames.append((words[1], words[3]))
      } else if let i = index(words[1]) {
        var copy = section.entries[i]
        copy.name = words[3]
        copy.line = line
        section.entries.append(copy)
      } else {
        problem("'clone' of an entry that does not exist in this section")
      }
    default:  // move A before|after B
      guard words.count == 4, words[2] == "before" || words[2] == "after", let from = index(words[1]),
        index(words[3]) != nil
      else { return problem("'move' needs two existing entries and before or after") }
      let entry = section.entries.remove(at: from)
      guard let to = index(words[3]) else { return }
      section.entries.insert(entry, at: words[2] == "before" ? to : to + 1)
    }
  }

  /// Splits the text into statements (one per line, except a quoted value that spans lines).
  private static func statements(_ text: String, file: String, diagnostics: inout [Diagnostic]) -> [Statement] {
    var result: [Statement] = []
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Unicode.Scalar? = nil
    var escaped = false
    var line = 1
    var start = 1
    var comment = false
    func flushWord() {
      if inWord { words.append(word) }
      word = ""
      inWord = false
    }
    for ch in text.unicodeScalars {
      if escaped {
        // A backslash makes the next character literal, inside or outside quotes (a newline too: the statement
        // goes on).
        word.unicodeScalars.append(ch)
        inWord = true
        escaped = false
        if ch == "\n" { line += 1 }
        continue
      }
      if ch == "\n" {
        if quote != nil {
          word.unicodeScalars.append(ch)
          line += 1
          continue
        }
        flushWord()
        if !words.isEmpty { result.append(Statement(words: words, line: start)) }
        words = []
        comment = false
        line += 1
        start = line
        continue
      }
      if comment { continue }
      if ch == "\\" {
        escaped = true
        continue
      }
      if let open = quote {
        if ch == open { quote = nil } else { word.unicodeScalars.append(ch) }
        continue
      }
      switch ch {
      case " ", "\t", "\r":
        flushWord()
      case "#" where words.isEmpty && !inWord:
        comment = true
      case "\"", "'":
        quote = ch
        inWord = true
      default:
        word.unicodeScalars.append(ch)
        inWord = true
      }
    }
    if quote != nil {
      diagnostics.append(
        Diagnostic(
          .error, .syntax, "a quoted value opened here is never closed", at: SourceLocation(file: file, line: start)))
    }
    flushWord()
    if !words.isEmpty { result.append(Statement(words: words, line: start)) }
    return result
  }
}
