import BulkheadModel

/// The block syntax Junos and PAN-OS print their configuration in (`show configuration`, `show config running`),
/// and the line syntax of their `set` exports, read into flat ``ConfigStatement``s without interpreting them.
///
/// Block syntax: `name {` opens a block, `}` closes it, `;` ends a statement; `[ a b ]` is a list (its words are
/// spliced into the statement); `"…"` quotes (a backslash escapes the next character; a quote closes only before
/// whitespace, `;`, a bracket or the end of the file, so `"a ""` is `a "`, as PAN-OS prints it); `/* … */` and a
/// `#` that starts a statement are comments (so is a `!` line at the top level, as RANCID writes). Junos writes `inactive:`, `replace:`, `protect:` or `delete:` before a
/// statement (Junos CLI User Guide, "Load configuration"). A newline outside a block ends whatever was started, so
/// garbage before the first block is reported line by line; inside a block a statement may span lines (PAN-OS
/// prints long keys over several lines).
///
/// Line syntax: a line whose first word is one of `commands` (`set`, `delete`, …), at the top level, is one
/// statement to its end (a quoted value may span lines); the two syntaxes may be mixed in one file. Every line ends
/// up in a statement, a comment, a bracket, or a diagnostic.
struct HierarchicalConfigSyntax {
  var statements: [ConfigStatement] = []
  var diagnostics: [Diagnostic] = []

  /// The annotations Junos writes before a statement.
  static let annotations: Set<String> = ["inactive:", "replace:", "protect:", "delete:", "active:"]

  private struct Block {
    var words: [String]
    var inactive: Bool
    var line: Int
  }

  init(text: String, file: String, commands: Set<String>) {
    let scalars = Array(text.unicodeScalars)
    var stack: [Block] = []
    var pending: [String] = []
    var pendingLine = 0
    var pendingInactive = false
    var pendingAnnotation: String? = nil
    var started = false
    var lineCommand: String? = nil
    var word = ""
    var inWord = false
    var line = 1
    var index = 0

    func problem(_ severity: Diagnostic.Severity, _ message: String, at line: Int) {
      diagnostics.append(Diagnostic(severity, .syntax, message, at: SourceLocation(file: file, line: line)))
    }
    func emit(opensBlock: Bool = false) {
      statements.append(
        ConfigStatement(
          command: lineCommand, words: stack.flatMap(\.words) + pending, line: pendingLine, lastLine: line,
          inactive: pendingInactive || stack.contains(where: \.inactive), opensBlock: opensBlock,
          annotation: pendingAnnotation))
    }
    func reset() {
      started = false
      pending = []
      pendingInactive = false
      pendingAnnotation = nil
      lineCommand = nil
    }
    func flushWord() {
      guard inWord else { return }
      defer {
        word = ""
        inWord = false
      }
      if pending.isEmpty && lineCommand == nil {
        if stack.isEmpty && commands.contains(word) {
          lineCommand = word
          return
        }
        if Self.annotations.contains(word) {
          if word == "inactive:" { pendingInactive = true }
          if word != "inactive:" && word != "active:" { pendingAnnotation = String(word.dropLast()) }
          return
        }
      }
      pending.append(word)
    }
    func startWord() {
      if !started {
        pendingLine = line
        started = true
      }
      inWord = true
    }
    func endLine() {
      flushWord()
      if lineCommand != nil {
        emit()
        reset()
      } else if stack.isEmpty && (!pending.isEmpty || pendingAnnotation != nil || pendingInactive) {
        problem(
          .warning, "'\(pending.joined(separator: " "))' is not a statement (no ';' or '{'); line ignored",
          at: pendingLine)
        reset()
      }
    }

    while index < scalars.count {
      let ch = scalars[index]
      let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
      switch ch {
      case "\n":
        endLine()
        line += 1
        index += 1
        continue
      case " ", "\t", "\r":
        flushWord()
      case "\"":
        if inWord {
          word.unicodeScalars.append(ch)
          break
        }
        startWord()
        let opened = line
        index += 1
        var closed = false
        while index < scalars.count {
          let q = scalars[index]
          if q == "\\", index + 1 < scalars.count {
            let escaped = scalars[index + 1]
            if escaped == "\n" { line += 1 }
            word.unicodeScalars.append(escaped)
            index += 2
            continue
          }
          if q == "\"" {
            let after: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            if let after, !" \t\r\n;[]{}".unicodeScalars.contains(after) {
              word.unicodeScalars.append(q)
              index += 1
              continue
            }
            closed = true
            break
          }
          if q == "\n" { line += 1 }
          word.unicodeScalars.append(q)
          index += 1
        }
        if !closed { problem(.error, "a quoted value opened here is never closed", at: opened) }
      case "/" where next == "*" && !inWord:
        let opened = line
        index += 2
        var closed = false
        while index < scalars.count {
          if scalars[index] == "*", index + 1 < scalars.count, scalars[index + 1] == "/" {
            index += 1
            closed = true
            break
          }
          if scalars[index] == "\n" { line += 1 }
          index += 1
        }
        if !closed { problem(.error, "a comment opened here is never closed", at: opened) }
      case "#" where !inWord && pending.isEmpty && lineCommand == nil,
        "!" where !inWord && pending.isEmpty && lineCommand == nil && stack.isEmpty:
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
        continue
      case "[", "]":
        flushWord()
      case "{" where lineCommand == nil:
        flushWord()
        if pending.isEmpty {
          problem(.warning, "a block without a name; its statements are read under the enclosing block", at: line)
          pendingLine = line
        }
        emit(opensBlock: true)
        stack.append(
          Block(words: pending, inactive: pendingInactive || stack.contains(where: \.inactive), line: pendingLine))
        reset()
      case "}" where lineCommand == nil:
        flushWord()
        if !pending.isEmpty {
          emit()
          reset()
        }
        if stack.popLast() == nil { problem(.warning, "'}' closes no block; ignored", at: line) }
      case ";" where lineCommand == nil:
        flushWord()
        if !pending.isEmpty { emit() }
        reset()
      default:
        startWord()
        word.unicodeScalars.append(ch)
      }
      index += 1
    }
    endLine()
    if !pending.isEmpty {
      problem(
        .warning, "'\(pending.joined(separator: " "))' is not ended by ';' before the end of the file", at: pendingLine)
    }
    for block in stack {
      problem(.error, "block '\(block.words.joined(separator: " "))' is never closed (truncated file?)", at: block.line)
    }
  }
}
