/// A place in an input file: path (as given, relative to the input root where possible), 1-based line and column.
///
/// Every diagnostic and every finding points at one of these, so editors and code-scanning UIs can jump to it.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The file path.
  public var file: String
  /// The 1-based line, or 0 when the whole file is meant.
  public var line: Int
  /// The 1-based column, or 0 when the whole line is meant.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int = 0, column: Int = 0) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, dropping the parts that are 0.
  public var description: String {
    if line == 0 { return file }
    if column == 0 { return "\(file):\(line)" }
    return "\(file):\(line):\(column)"
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}
