/// One change to a text file's lines: `removing` lines from `line` (0-based) replaced by `inserting`.
public struct LineEdit: Hashable, Sendable {
  /// The first line changed (0-based; the line count inserts at the end).
  public var line: Int
  /// How many old lines are replaced.
  public var removing: Int
  /// The new lines.
  public var inserting: [String]

  /// Creates an edit.
  public init(line: Int, removing: Int = 0, inserting: [String]) {
    self.line = line
    self.removing = removing
    self.inserting = inserting
  }
}
