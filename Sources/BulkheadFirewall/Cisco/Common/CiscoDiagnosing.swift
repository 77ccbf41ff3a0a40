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

  /// Notes for a mask the reader had to interpret: bits set under it (`hostBits` says what became of them), or a
  /// discontiguous one (a `kind`: mask or wildcard), matched bit for bit. `written` is the address and mask as the
  /// configuration wrote them.
  mutating func noteIrregular(
    _ value: CiscoAddressMask, written: String, kind: String, hostBits: String, line: Int
  ) {
    if value.hadHostBits {
      diagnostics.append(Diagnostic(.note, .syntax, "'\(written)' \(hostBits)", at: location(line)))
    }
    if !value.isContiguous {
      diagnostics.append(
        Diagnostic(
          .note, .syntax,
          "'\(written)' is a discontiguous \(kind); matched bit for bit (\(value.ranges.count) ranges)",
          at: location(line)))
    }
  }

  /// A diagnostic for one command's own line.
  mutating func report(
    _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ command: CiscoConfigText.Command,
    _ message: String
  ) {
    report(severity, code, command.line...command.line, message)
  }
}
