/// Quoting for Graphviz DOT: every id and label is a double-quoted string, so no input can break the graph.
enum DOTText {
  /// `"text"` with backslashes and quotes escaped; newlines in `text` become centred line breaks.
  static func quoted(_ text: String) -> String {
    var escaped = "\""
    for character in text {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      case "\r": continue
      default: escaped.append(character)
      }
    }
    return escaped + "\""
  }

  /// `key="value", …` for an attribute list, in the order given (which callers keep fixed for determinism).
  static func attributes(_ pairs: [(String, String)]) -> String {
    "[" + pairs.map { "\($0.0)=\(quoted($0.1))" }.joined(separator: ", ") + "]"
  }
}
