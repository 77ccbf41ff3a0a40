import BulkheadModel
import Foundation

/// nft text into located tokens (words, strings, symbols, newlines), and `define` variables expanded.
extension NftTextParser {
  enum Token: Equatable {
    case word(String)
    case string(String)
    case symbol(Character)
    case newline
  }

  struct Located {
    var token: Token
    var line: Int
  }

  func tokenize(_ text: String) -> [Located] {
    var out: [Located] = []
    var line = 1
    var word = ""
    var inString = false
    var inComment = false
    func flush() {
      if !word.isEmpty { out.append(Located(token: .word(word), line: line)) }
      word = ""
    }
    for ch in text {
      if inComment {
        if ch == "\n" {
          inComment = false
          out.append(Located(token: .newline, line: line))
          line += 1
        }
        continue
      }
      if inString {
        if ch == "\"" {
          out.append(Located(token: .string(word), line: line))
          word = ""
          inString = false
        } else {
          word.append(ch)
        }
        continue
      }
      switch ch {
      case "\"":
        flush()
        inString = true
      case "#":
        flush()
        inComment = true
      case "\n":
        flush()
        out.append(Located(token: .newline, line: line))
        line += 1
      case " ", "\t", "\r":
        flush()
      case "{", "}", ";", ",":
        flush()
        out.append(Located(token: .symbol(ch), line: line))
      case "\\":
        continue  // line continuation
      default:
        word.append(ch)
      }
    }
    flush()
    return out
  }

  /// Applies `define NAME = VALUE` (nft(8) "VARIABLES"): removes the definitions and replaces `$NAME` by the value's
  /// tokens.
  func expandDefines(_ tokens: [Located]) -> [Located] {
    var defines: [String: [Token]] = [:]
    var out: [Located] = []
    var i = 0
    var atStatementStart = true
    while i < tokens.count {
      let t = tokens[i]
      if atStatementStart, t.token == .word("define"), i + 2 < tokens.count, case .word(let name) = tokens[i + 1].token
      {
        var j = i + 2
        if tokens[j].token == .word("=") { j += 1 }
        var value: [Token] = []
        var depth = 0
        while j < tokens.count {
          let token = tokens[j].token
          if depth == 0 && (token == .newline || token == .symbol(";")) { break }
          if token == .symbol("{") { depth += 1 }
          if token == .symbol("}") { depth -= 1 }
          if case .word(let w) = token, w.hasPrefix("$"), let inner = defines[String(w.dropFirst())] {
            value.append(contentsOf: inner)
          } else {
            value.append(token)
          }
          j += 1
        }
        defines[name] = value
        i = j
        continue
      }
      if case .word(let w) = t.token, w.hasPrefix("$"), let value = defines[String(w.dropFirst())] {
        out.append(contentsOf: value.map { Located(token: $0, line: t.line) })
      } else {
        out.append(t)
      }
      atStatementStart = t.token == .newline || t.token == .symbol(";") || t.token == .symbol("{")
      i += 1
    }
    return out
  }
}
