/// Where the top-level sections of a model file start and end, so that an amendment can add list items to a section
/// and comments above an entry while every other line (and comment) stays as written.
struct ModelFileLayout {
  /// One top-level key's lines (0-based): its key line, and its last line that is neither blank nor a comment
  /// (comments before the next key introduce that key, by the example model's convention).
  struct Section {
    var key: String
    var keyLine: Int
    var lastContentLine: Int
    /// Whether the key line carries its value inline (`assets: []`).
    var inlineValue: String?
  }

  let lines: [String]
  let sections: [Section]

  init(text: String) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if text.hasSuffix("\n") { lines.removeLast() }
    self.lines = lines
    var sections: [Section] = []
    for (index, line) in lines.enumerated() {
      guard let first = line.first, first.isLetter || first == "_", let colon = line.firstIndex(of: ":") else {
        if let last = sections.indices.last, Self.isContent(line) { sections[last].lastContentLine = index }
        continue
      }
      let key = String(line[..<colon])
      guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
      var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if let hash = value.range(of: " #") ?? (value.hasPrefix("#") ? value.range(of: "#") : nil) {
        value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces)
      }
      sections.append(
        Section(key: key, keyLine: index, lastContentLine: index, inlineValue: value.isEmpty ? nil : value))
    }
    self.sections = sections
  }

  /// The section of `key`, if the file has one.
  func section(_ key: String) -> Section? { sections.first { $0.key == key } }

  /// Whether a line says something (not blank, not only a comment).
  static func isContent(_ line: String) -> Bool {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    return !trimmed.isEmpty && !trimmed.hasPrefix("#")
  }

  /// The edit adding `items` (list item lines) at the end of section `key`, preceded by `comment` lines: after its
  /// last content line, or, when the file has no such section or writes it inline (`[]`), as the section anew.
  func append(_ items: [String], to key: String, comment: [String]) -> LineEdit? {
    guard !items.isEmpty || !comment.isEmpty else { return nil }
    guard let section = section(key) else {
      return LineEdit(line: lines.count, inserting: [""] + comment.map { "# " + $0 } + ["\(key):"] + items)
    }
    let indented = comment.map { "  # " + $0 }
    if let inline = section.inlineValue {
      // Only an empty inline list can take items; anything else is left alone (the caller reports it).
      guard inline == "[]" else { return nil }
      return LineEdit(line: section.keyLine, removing: 1, inserting: ["\(key):"] + indented + items)
    }
    return LineEdit(line: section.lastContentLine + 1, inserting: indented + items)
  }
}
