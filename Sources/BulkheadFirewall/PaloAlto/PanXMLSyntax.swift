import BulkheadModel

/// A PAN-OS XML configuration (`running-config.xml`, an XML API `show config running` export) read into flat
/// ``ConfigStatement``s, the same statements the `set` and block syntaxes give: an element is a word, an `entry`
/// element is its `name` attribute, `member` elements are the values of the element holding them, and an element's
/// text is its value (PAN-OS XML API, "Configuration"). `<config><devices><entry name="localhost.localdomain">
/// <vsys><entry name="vsys1"><rulebase>…` becomes `config devices localhost.localdomain vsys vsys1 rulebase …`.
///
/// A small reader of its own (elements, attributes, text, comments, CDATA, the five entities and character
/// references), so every element keeps its line. What is not well-formed is a diagnostic at its line.
struct PanXMLSyntax {
  var statements: [ConfigStatement] = []
  var diagnostics: [Diagnostic] = []

  private struct Element {
    var tag: String
    var word: String
    var line: Int
    var text = ""
    var members: [String] = []
    var hasChildren = false
    var headerEmitted = false
  }

  init(text: String, file: String) {
    let s = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var stack: [Element] = []
    var path: [String] { stack.map(\.word) }

    func problem(_ message: String, at line: Int) {
      diagnostics.append(Diagnostic(.error, .syntax, message, at: SourceLocation(file: file, line: line)))
    }
    func advance(to end: String) -> Bool {
      let marker = Array(end.unicodeScalars)
      while i < s.count {
        if s[i] == marker[0], i + marker.count <= s.count, Array(s[i..<(i + marker.count)]) == marker {
          i += marker.count
          return true
        }
        if s[i] == "\n" { line += 1 }
        i += 1
      }
      return false
    }
    func emitHeaderIfNeeded() {
      guard let last = stack.last, !last.headerEmitted else { return }
      stack[stack.count - 1].headerEmitted = true
      statements.append(
        ConfigStatement(command: nil, words: path, line: last.line, lastLine: last.line, opensBlock: true))
    }

    /// An element ends: a member gives its parent a value; any other element is a statement.
    func close(_ element: Element, path full: [String], at end: Int) {
      let text = XMLTree.trimmed(element.text)
      if element.tag == "member" {
        if !stack.isEmpty { stack[stack.count - 1].members.append(text) }
        return
      }
      if !element.members.isEmpty {
        statements.append(
          ConfigStatement(command: nil, words: full + element.members, line: element.line, lastLine: end))
      } else if !element.hasChildren {
        statements.append(
          ConfigStatement(command: nil, words: text.isEmpty ? full : full + [text], line: element.line, lastLine: end))
      }
    }

    while i < s.count {
      let ch = s[i]
      if ch == "<" {
        let opened = line
        if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
          i += 4
          if !advance(to: "-->") { problem("a comment opened here is never closed", at: opened) }
          continue
        }
        if i + 8 < s.count, String(String.UnicodeScalarView(s[i..<(i + 9)])) == "<![CDATA[" {
          i += 9
          let start = i
          let startLine = line
          if !advance(to: "]]>") {
            problem("a CDATA section opened here is never closed", at: startLine)
            continue
          }
          if !stack.isEmpty {
            stack[stack.count - 1].text += String(String.UnicodeScalarView(s[start..<(i - 3)]))
          }
          continue
        }
        if i + 1 < s.count, s[i + 1] == "?" || s[i + 1] == "!" {
          i += 1
          if !advance(to: ">") { problem("a declaration opened here is never closed", at: opened) }
          continue
        }
        // A tag: read to its '>' (attribute values may hold '>' only when quoted).
        i += 1
        var body = ""
        var quote: Unicode.Scalar? = nil
        var closed = false
        while i < s.count {
          let c = s[i]
          if c == "\n" { line += 1 }
          if let q = quote {
            if c == q { quote = nil }
          } else if c == "\"" || c == "'" {
            quote = c
          } else if c == ">" {
            closed = true
            i += 1
            break
          }
          body.unicodeScalars.append(c)
          i += 1
        }
        guard closed else {
          problem("a tag opened here is never closed", at: opened)
          break
        }
        if body.hasPrefix("/") {
          let name = XMLTree.trimmed(body.dropFirst())
          guard let open = stack.popLast() else {
            problem("end tag </\(name)> closes no element", at: opened)
            continue
          }
          if open.tag != name {
            problem("end tag </\(name)> closes <\(open.tag)> opened at line \(open.line)", at: opened)
          }
          close(open, path: path + [open.word], at: line)
          continue
        }
        let selfClosing = body.hasSuffix("/")
        if selfClosing { body.removeLast() }
        let (tag, attributes) = XMLTree.tag(body)
        guard !tag.isEmpty else {
          problem("a tag without a name", at: opened)
          continue
        }
        if tag != "member" { emitHeaderIfNeeded() }
        if !stack.isEmpty { stack[stack.count - 1].hasChildren = true }
        let word = tag == "entry" ? (attributes["name"] ?? tag) : tag
        let element = Element(tag: tag, word: word, line: opened)
        if selfClosing {
          if tag == "member" {
            problem("an empty <member/>; ignored", at: opened)
          } else {
            close(element, path: path + [word], at: line)
          }
        } else {
          stack.append(element)
        }
        continue
      }
      if ch == "&" {
        var entity = ""
        var j = i + 1
        while j < s.count, j - i < 12, s[j] != ";" {
          entity.unicodeScalars.append(s[j])
          j += 1
        }
        if j < s.count, s[j] == ";", let decoded = XMLTree.entity(entity) {
          if !stack.isEmpty { stack[stack.count - 1].text.unicodeScalars.append(decoded) }
          i = j + 1
          continue
        }
        problem("'&' starts no known entity; kept as text", at: line)
      }
      if ch == "\n" { line += 1 }
      if !stack.isEmpty {
        stack[stack.count - 1].text.unicodeScalars.append(ch)
      } else if !ch.properties.isWhitespace {
        problem("text outside any element", at: line)
        while i < s.count, s[i] != "<" {
          if s[i] == "\n" { line += 1 }
          i += 1
        }
        continue
      }
      i += 1
    }
    for open in stack.reversed() { problem("element <\(open.tag)> is never closed (truncated file?)", at: open.line) }

  }
}
