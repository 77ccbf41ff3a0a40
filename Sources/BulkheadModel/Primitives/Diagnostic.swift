/// A message about an input, compiler style: `path:line:column: error: message [BH0xx]`.
///
/// `code` is stable across releases, so scripts and accepted-findings files can refer to it. Every stage (model,
/// firewall parsers, capture readers) reports what it could not interpret through this one type.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Hashable, Comparable, Sendable, Codable {
    case note, warning, error

    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// The severity.
  public var severity: Severity
  /// The stable code, e.g. `BH101`.
  public var code: String
  /// One sentence saying what is wrong, naming the offending value.
  public var message: String
  /// Where the problem is.
  public var location: SourceLocation

  /// Creates a diagnostic; a message longer than ``maximumMessageLength`` keeps its head and its tail around a note
  /// of what was cut (see ``bounded(_:)``).
  public init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation) {
    self.severity = severity
    self.code = code
    self.message = Self.bounded(message)
    self.location = location
  }

  /// The longest message kept whole, in characters.
  public static let maximumMessageLength = 480

  /// `message` cut to a bounded length: messages echo input lines (an unparsed rule, a quoted token), and an input
  /// line may be megabytes long. The head names the problem and the tail says what was done about it, so both stay.
  public static func bounded(_ message: String) -> String {
    guard message.count > maximumMessageLength else { return message }
    let head = message.prefix(320)
    let tail = message.suffix(120)
    let cut = message.count - head.count - tail.count
    return "\(head) … [\(cut) characters not shown] … \(tail)"
  }

  public var description: String { "\(location): \(severity.rawValue): \(message) [\(code)]" }
}

extension Diagnostic: Comparable {
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    (lhs.location, lhs.code, lhs.message) < (rhs.location, rhs.code, rhs.message)
  }
}
