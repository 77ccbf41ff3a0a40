import BulkheadModel

/// What a vendor parser returns: the ruleset, or the errors that made it refuse the file (fail closed).
public enum ParseResult: Sendable {
  /// A ruleset with at least one filter rule or policy; its diagnostics list what was not fully understood.
  case parsed(Ruleset)
  /// The file yielded nothing Bulkhead can evaluate; the diagnostics say why.
  case failed([Diagnostic])

  /// The ruleset when parsing succeeded.
  public var ruleset: Ruleset? {
    if case .parsed(let ruleset) = self { return ruleset }
    return nil
  }

  /// Every diagnostic, from either outcome.
  public var diagnostics: [Diagnostic] {
    switch self {
    case .parsed(let ruleset): ruleset.diagnostics
    case .failed(let diagnostics): diagnostics
    }
  }
}
