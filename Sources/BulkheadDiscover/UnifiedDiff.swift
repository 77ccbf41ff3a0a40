/// A unified diff (POSIX `diff -u` format, as `patch` and `git apply` read it) of a text and the same text with
/// some line edits applied: the edits are known, so no longest-common-subsequence search is needed.
public struct UnifiedDiff: Sendable {
  /// The old text's lines (a final newline does not start a line).
  public let old: [String]
  /// Whether the old text ends with a newline.
  public let oldEndsWithNewline: Bool
  /// The edits, sorted, not overlapping.
  public let edits: [LineEdit]
  /// Context lines around each change.
  public var context = 3

  /// Prepares the diff of `text` with `edits` applied (edits at the same line apply in the order given).
  public init(text: String, edits: [LineEdit]) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    oldEndsWithNewline = text.isEmpty || text.hasSuffix("\n")
    if oldEndsWithNewline, !lines.isEmpty { lines.removeLast() }
    old = lines
    self.edits = edits.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(
      \.element)
  }

  /// The new text: every edit applied, ending with a newline.
  public var newText: String {
    let lines = newLines
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }

  private var newLines: [String] {
    var out: [String] = []
    var position = 0
    for edit in edits {
      if edit.line > position { out += old[position..<min(edit.line, old.count)] }
      out += edit.inserting
      position = max(position, edit.line + edit.removing)
    }
    if position < old.count { out += old[position...] }
    return out
  }

  /// The diff text with `---`/`+++` headers naming `oldName` and `newName`; empty when nothing changes.
  public func text(oldName: String, newName: String) -> String {
    var edits = self.edits.filter { $0.removing > 0 || !$0.inserting.isEmpty }
    guard !edits.isEmpty else { return "" }
    // The new text ends with a newline: without one in the old text its last line changes too, as diff -u shows.
    if !oldEndsWithNewline, let last = old.indices.last {
      if let append = edits.firstIndex(where: { $0.line >= old.count }) {
        edits[append] = LineEdit(line: last, removing: 1, inserting: [old[last]] + edits[append].inserting)
      } else if !edits.contains(where: { $0.line <= last && last < $0.line + $0.removing }) {
        edits.append(LineEdit(line: last, removing: 1, inserting: [old[last]]))
      }
    }
    edits = edits.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    // Hunks: edits whose context windows touch are one hunk.
    var hunks: [[LineEdit]] = []
    for edit in edits {
      if let previous = hunks.last?.last, edit.line - (previous.line + previous.removing) <= 2 * context {
        hunks[hunks.count - 1].append(edit)
      } else {
        hunks.append([edit])
      }
    }
    var out = ["--- \(oldName)", "+++ \(newName)"]
    var shift = 0  // new line number minus old line number, before the hunk
    for hunk in hunks {
      guard let first = hunk.first, let last = hunk.last else { continue }
      let start = max(0, first.line - context)
      let end = min(old.count, last.line + last.removing + context)
      var body: [String] = []
      var position = start
      var oldCount = 0
      var newCount = 0
      func keep(_ lines: ArraySlice<String>) {
        for line in lines { body.append(" " + line) }
        oldCount += lines.count
        newCount += lines.count
      }
      for edit in hunk {
        keep(old[position..<edit.line])
        for line in old[edit.line..<(edit.line + edit.removing)] { body.append("-" + line) }
        oldCount += edit.removing
        if !oldEndsWithNewline && edit.removing > 0 && edit.line + edit.removing == old.count {
          body.append("\\ No newline at end of file")
        }
        for line in edit.inserting { body.append("+" + line) }
        newCount += edit.inserting.count
        position = edit.line + edit.removing
      }
      if position < end { keep(old[position..<end]) }
      // An empty side names the line before it (diff -u: `-0,0` inserts at the top).
      let oldStart = oldCount == 0 ? start : start + 1
      let newStart = newCount == 0 ? start + shift : start + shift + 1
      out.append("@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@")
      out += body
      for edit in hunk { shift += edit.inserting.count - edit.removing }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// `start,count`, or `start` alone for one line (the unified format's short form).
  private static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
}
