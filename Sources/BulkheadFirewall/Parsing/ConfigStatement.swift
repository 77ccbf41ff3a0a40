/// One statement of a hierarchical configuration (Junos, PAN-OS), flattened to its full path the way a `set` line
/// writes it: `security policies from-zone A to-zone B policy P then permit`, whether the file wrote it as a `set`
/// line, inside `{ … }` blocks or as XML elements. Vendors read these, never the text.
struct ConfigStatement: Hashable, Sendable {
  /// The command of a line-format statement (`set`, `delete`, `deactivate`, `move`…); `nil` for a statement of the
  /// block or XML syntax (a definition, like `set`).
  var command: String?
  /// The words: the enclosing blocks' words, then the statement's own, values last (`[ a b ]` lists spliced in).
  var words: [String]
  /// The 1-based line of its first word.
  var line: Int
  /// The line of its last word (a quoted value or a long key may span lines).
  var lastLine: Int
  /// Whether the file marks it, or a block around it, as not in effect (Junos `inactive:`).
  var inactive = false
  /// Whether it is the header of a block (`name {`, an XML element with children): it holds the path alone.
  var opensBlock = false
  /// A Junos load annotation written before it (`replace:`, `protect:`, `delete:`), without the colon.
  var annotation: String?

  /// Whether the statement's words begin with `prefix`.
  func hasPrefix(_ prefix: [String]) -> Bool {
    words.count >= prefix.count && words[..<prefix.count].elementsEqual(prefix)
  }
}
