import BulkheadModel

/// An XML document read into elements that keep their lines: the syntax layer of an XML configuration export
/// (pfSense/OPNsense `config.xml`), no meaning yet.
///
/// A small reader of its own (elements, attributes, text, comments, CDATA, declarations, the five predefined entities
/// and character references; XML 1.0 §2–4), so every element keeps the line it starts on. What is not well-formed is
/// a BH414 diagnostic at its line; the elements read so far are kept. PAN-OS's streaming reader
/// (`PanXMLSyntax`) shares its tag, entity and text helpers.
struct XMLTree {
  /// One element: its tag, attributes, text (trimmed) and children, with where it starts and ends.
  struct Element {
    var name: String
    var attributes: [String: String] = [:]
    var text = ""
    var children: [Element] = []
    var line: Int
    var lastLine: Int

    /// The children with a tag, in order.
    func children(named name: String) -> [Element] { children.filter { $0.name == name } }

    /// The first child with a tag.
    func child(_ name: String) -> Element? { children.first { $0.name == name } }

    /// The trimmed text of the first child with a tag, or `nil` when there is no such child.
    func value(_ name: String) -> String? { child(name)?.text }

    /// Every element of the subtree, this one first (document order).
    var subtree: [Element] { [self] + children.flatMap(\.subtree) }
  }

  /// The document element, when there is one.
  var root: Element?
  var diagnostics: [Diagnostic] = []
  /// Whether an element was never closed: the file ends early, and what it held after that point is missing.
  var truncated = false

  init(text: String, file: String) {
    let s = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var stack: [Element] = []
    var problems: [Diagnostic] = []

    func problem(_ message: String, at line: Int) {
      problems.append(Diagnostic(.error, .syntax, message, at: SourceLocation(file: file, line: line)))
    }
    func starts(_ marker: String) -> Bool {
      var j = i
      for scalar in marker.unicodeScalars {
        guard j < s.count, s[j] == scalar else { return false }
        j += 1
      }
      return true
    }
    /// Moves past `end`, counting lines; returns the text skipped, or `nil` when `end` never comes.
    func skip(past end: String) -> String? {
      var skipped = String.UnicodeScalarView()
      while i < s.count {
        if starts(end) {
          i += end.unicodeScalars.count
          return String(skipped)
        }
        if s[i] == "\n" { line += 1 }
        skipped.append(s[i])
        i += 1
      }
      return nil
    }
    func finish(_ element: Element) {
      var done = element
      done.text = Self.trimmed(done.text)
      if stack.isEmpty {
        if root == nil {
          root = done
        } else {
          problem("a second document element <\(done.name)>; ignored", at: done.line)
        }
      } else {
        stack[stack.count - 1].children.append(done)
      }
    }

    while i < s.count {
      let ch = s[i]
      if ch == "<" {
        let opened = line
        if starts("<!--") {
          i += 4
          if skip(past: "-->") == nil { problem("a comment opened here is never closed", at: opened) }
          continue
        }
        if starts("<![CDATA[") {
          i += 9
          guard let content = skip(past: "]]>") else {
            problem("a CDATA section opened here is never closed", at: opened)
            continue
          }
          if !stack.isEmpty { stack[stack.count - 1].text += content }
          continue
        }
        if starts("<?") || starts("<!") {
          i += 2
          if skip(past: ">") == nil { problem("a declaration opened here is never closed", at: opened) }
          continue
        }
        i += 1
        var body = String.UnicodeScalarView()
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
          body.append(c)
          i += 1
        }
        guard closed else {
          truncated = true
          problem("a tag opened here is never closed", at: opened)
          break
        }
        var tag = String(body)
        if tag.hasPrefix("/") {
          let name = Self.trimmed(tag.dropFirst())
          guard var open = stack.popLast() else {
            problem("end tag </\(name)> closes no element", at: opened)
            continue
          }
          if open.name != name {
            problem("end tag </\(name)> closes <\(open.name)> opened at line \(open.line)", at: opened)
          }
          open.lastLine = line
          finish(open)
          continue
        }
        let selfClosing = tag.hasSuffix("/")
        if selfClosing { tag.removeLast() }
        let (name, attributes) = Self.tag(tag)
        guard !name.isEmpty else {
          problem("a tag without a name", at: opened)
          continue
        }
        let element = Element(name: name, attributes: attributes, line: opened, lastLine: line)
        if selfClosing { finish(element) } else { stack.append(element) }
        continue
      }
      if ch == "&" {
        var entity = ""
        var j = i + 1
        while j < s.count, j - i < 12, s[j] != ";" {
          entity.unicodeScalars.append(s[j])
          j += 1
        }
        if j < s.count, s[j] == ";", let decoded = Self.entity(entity) {
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
    // A truncated file: close what is open, innermost first, so the elements read so far are kept.
    while var open = stack.popLast() {
      truncated = true
      problem("element <\(open.name)> is never closed (truncated file?)", at: open.line)
      open.lastLine = line
      finish(open)
    }
    diagnostics = problems
  }

  /// A tag's name and attributes.
  static func tag(_ body: String) -> (String, [String: String]) {
    let scalars = Array(body.unicodeScalars)
    var i = 0
    var name = ""
    while i < scalars.count, !scalars[i].properties.isWhitespace {
      name.unicodeScalars.append(scalars[i])
      i += 1
    }
    var attributes: [String: String] = [:]
    while i < scalars.count {
      while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
      var key = ""
      while i < scalars.count, scalars[i] != "=", !scalars[i].properties.isWhitespace {
        key.unicodeScalars.append(scalars[i])
        i += 1
      }
      while i < scalars.count, scalars[i] != "\"" && scalars[i] != "'" { i += 1 }
      guard i < scalars.count else { break }
      let quote = scalars[i]
      i += 1
      var value = ""
      while i < scalars.count, scalars[i] != quote {
        value.unicodeScalars.append(scalars[i])
        i += 1
      }
      i += 1
      if !key.isEmpty { attributes[key] = decode(value) }
    }
    return (name, attributes)
  }

  static func decode(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      if let semi = after.firstIndex(of: ";"), let scalar = entity(String(after[..<semi])) {
        out.unicodeScalars.append(scalar)
        rest = after[after.index(after: semi)...]
      } else {
        out += "&"
        rest = after
      }
    }
    return out + rest
  }

  /// The predefined entities and character references (XML 1.0 §4.1, §4.6).
  static func entity(_ name: String) -> Unicode.Scalar? {
    switch name {
    case "amp": return "&"
    case "lt": return "<"
    case "gt": return ">"
    case "quot": return "\""
    case "apos": return "'"
    default:
      if name.hasPrefix("#x") { return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
      if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
      return nil
    }
  }

  /// The text without leading and trailing spaces, tabs and line ends.
  static func trimmed<S: StringProtocol>(_ text: S) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}
