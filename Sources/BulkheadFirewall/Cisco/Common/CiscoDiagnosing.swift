import BulkheadModel

/// A Cisco reader (ASA or IOS) that reports what it does not interpret: diagnostics at a line of its file, each
/// accounting for the lines it covers (``CiscoLineAccount``).
protocol CiscoDiagnosing {
  /// The configuration file being read.
  var file: String { get }
  /// Problems and notes so far.
  var diagnostics: [Diagnostic] { get set }
  /// Which lines are accounted for.
  var account: CiscoLineAccount { get set }
}

extension CiscoDiagnosing {
  func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  /// A diagnostic for a range of lines, which it accounts for.
  mutating func report(
    _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ lines: ClosedRange<Int>, _ message: String
  ) {
    diagnostics.append(Diagnostic(severity, code, message, at: location(lines.lowerBound)))
    account.report(lines)
  }

  /// A diagnostic for one command's own line.
  mutating func report(
    _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ command: CiscoConfigText.Command,
    _ message: String
  ) {
    report(severity, code, command.line...command.line, message)
  }
}
