/// Diagnostics that say the same thing many times, folded into one line with a count: a capture with 100,000
/// damaged blocks is one line on standard error, not 100,000.
///
/// Two diagnostics are "the same" when severity, code, file and message agree once every run of digits is set
/// aside (block numbers, byte offsets and packet numbers differ from one occurrence to the next).
public struct RepeatedDiagnostic: Hashable, Sendable, CustomStringConvertible {
  /// The first occurrence (its location is where to look first).
  public var first: Diagnostic
  /// How many times it occurred, 1 or more.
  public var count: Int
  /// The last occurrence, when it occurred more than once.
  public var last: Diagnostic?

  /// Folds `diagnostics`, keeping the order of first occurrences.
  public static func fold(_ diagnostics: some Sequence<Diagnostic>) -> [RepeatedDiagnostic] {
    var folded: [RepeatedDiagnostic] = []
    var index: [Key: Int] = [:]
    for diagnostic in diagnostics {
      let key = Key(diagnostic)
      if let at = index[key] {
        folded[at].count += 1
        folded[at].last = diagnostic
      } else {
        index[key] = folded.count
        folded.append(RepeatedDiagnostic(first: diagnostic, count: 1, last: nil))
      }
    }
    return folded
  }

  public var description: String {
    guard count > 1, let last else { return first.description }
    let same = last.message == first.message && last.location == first.location
    return "\(first) (\(count) times" + (same ? ")" : "; the last: \(last.location): \(last.message))")
  }

  private struct Key: Hashable {
    var severity: Diagnostic.Severity
    var code: String
    var file: String
    var shape: String

    init(_ diagnostic: Diagnostic) {
      severity = diagnostic.severity
      code = diagnostic.code
      file = diagnostic.location.file
      var shape = ""
      var inNumber = false
      for character in diagnostic.message {
        if character.isASCII && character.isNumber {
          if !inNumber { shape.append("#") }
          inNumber = true
        } else {
          shape.append(character)
          inNumber = false
        }
      }
      self.shape = shape
    }
  }
}
