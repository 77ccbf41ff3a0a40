import BulkheadModel

/// How a Cisco reader accounted for every line (docs/firewall-engine.md, "every line interpreted or reported"): a line
/// is interpreted (read into the typed configuration), inside a range reported by one note or warning (a command
/// that does not decide which packets pass, with its sub-commands), reported at its own line, or syntax (comment,
/// blank, `exit`). The corpus tests check that no line is left out.
struct CiscoLineAccount {
  /// Lines read into the typed configuration.
  private(set) var interpreted: Set<Int> = []
  /// Ranges reported by the diagnostic at their first line.
  private(set) var reported: [ClosedRange<Int>] = []

  mutating func interpret(_ line: Int) { interpreted.insert(line) }

  mutating func interpret(_ command: CiscoConfigText.Command) { interpreted.insert(command.line) }

  mutating func report(_ lines: ClosedRange<Int>) { reported.append(lines) }

  /// The lines of `text` that are neither syntax, interpreted, inside a reported range, nor at a diagnostic's line.
  func unaccounted(_ text: CiscoConfigText, diagnostics: [Diagnostic]) -> [Int] {
    let diagnosed = Set(diagnostics.map(\.location.line))
    var lines: [Int] = []
    func visit(_ command: CiscoConfigText.Command) {
      let covered =
        interpreted.contains(command.line) || diagnosed.contains(command.line)
        || reported.contains { $0.contains(command.line) }
      if !covered { lines.append(command.line) }
      // A banner's text lines are inside its own range.
      for line in (command.line + 1)...max(command.line + 1, command.endLine)
      where line <= command.endLine && command.children.isEmpty && !text.syntaxLines.contains(line) {
        if !reported.contains(where: { $0.contains(line) }) && !interpreted.contains(line) { lines.append(line) }
      }
      for child in command.children { visit(child) }
    }
    for command in text.commands { visit(command) }
    return lines.sorted()
  }
}
