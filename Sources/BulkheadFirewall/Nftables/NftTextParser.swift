import BulkheadModel
import Foundation

/// Reads `nft list ruleset` / `nft -f` text (nft(8)) into the same objects `nft -j` prints, so one code path builds
/// the IR; every rule keeps the line it starts on.
///
/// Covered: `table FAMILY NAME { … }` with `set`/`map` (type, flags, elements) and `chain` blocks (`type … hook …
/// priority …;` `policy …;`), rule statements with payload/meta/ct matches, anonymous sets, ranges, prefixes,
/// named sets, `vmap`, verdicts, `counter`, `log`, `comment`. Anything else in a rule becomes an unsupported
/// condition (reported with its line); commands outside tables (`add rule …`, `define`, `include`) are reported.
struct NftTextParser {
  let file: String

  /// Parses the text into the `nftables` array of `nft -j` and the diagnostics met on the way.
  func objects(_ text: String) -> (items: [Any], diagnostics: [Diagnostic]) {
    let tokens = expandDefines(tokenize(text))
    var items: [Any] = []
    var diagnostics: [Diagnostic] = []
    var i = 0
    func diag(_ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ message: String, _ line: Int) {
      diagnostics.append(Diagnostic(severity, code, message, at: SourceLocation(file: file, line: line)))
    }
    func skipNewlines() {
      while i < tokens.count, tokens[i].token == .newline || tokens[i].token == .symbol(";") { i += 1 }
    }
    /// The tokens of one statement: up to a newline or `;` outside braces.
    func statement() -> [Located] {
      var result: [Located] = []
      var depth = 0
      while i < tokens.count {
        let t = tokens[i]
        if depth == 0 && (t.token == .newline || t.token == .symbol(";") || t.token == .symbol("}")) { break }
        if t.token == .symbol("{") { depth += 1 }
        if t.token == .symbol("}") { depth -= 1 }
        result.append(t)
        i += 1
      }
      return result
    }
    /// Skips a `{ … }` block (for objects not modeled).
    func skipBlock() {
      var depth = 0
      while i < tokens.count {
        if tokens[i].token == .symbol("{") { depth += 1 }
        if tokens[i].token == .symbol("}") {
          depth -= 1
          if depth <= 0 {
            i += 1
            return
          }
        }
        i += 1
      }
    }
    var handle = 0
    while i < tokens.count {
      skipNewlines()
      guard i < tokens.count else { break }
      let start = tokens[i]
      guard case .word(let keyword) = start.token else {
        i += 1
        continue
      }
      if keyword == "flush" || keyword == "delete" {
        _ = statement()
        continue
      }
      guard keyword == "table" else {
        diag(
          .warning, .unsupportedCommand, "'\(keyword)' command outside a table block is not modeled; line ignored",
          start.line)
        _ = statement()
        continue
      }
      i += 1
      var words: [String] = []
      while i < tokens.count, case .word(let w) = tokens[i].token {
        words.append(w)
        i += 1
      }
      let family = words.count >= 2 ? words[0] : "ip"
      let tableName = words.last ?? ""
      handle += 1
      items.append(["table": ["family": family, "name": tableName, "handle": handle]])
      guard i < tokens.count, tokens[i].token == .symbol("{") else { continue }
      i += 1
      // Table body.
      while i < tokens.count {
        skipNewlines()
        guard i < tokens.count else { break }
        if tokens[i].token == .symbol("}") {
          i += 1
          break
        }
        guard case .word(let kind) = tokens[i].token else {
          i += 1
          continue
        }
        let kindLine = tokens[i].line
        i += 1
        guard kind == "set" || kind == "map" || kind == "chain" else {
          if i < tokens.count, case .word = tokens[i].token, kind != "flags", kind != "comment" {
            diag(.note, .nftObjectNotModeled, "\(kind) object in table \(tableName) is not modeled", kindLine)
          }
          let rest = statement()
          if rest.contains(where: { $0.token == .symbol("{") }) || (i < tokens.count && tokens[i].token == .symbol("{"))
          {
            skipBlock()
          }
          continue
        }
        guard i < tokens.count, case .word(let name) = tokens[i].token else { continue }
        i += 1
        guard i < tokens.count, tokens[i].token == .symbol("{") else { continue }
        i += 1
        handle += 1
        if kind == "set" || kind == "map" {
          var object: [String: Any] = ["family": family, "table": tableName, "name": name, "handle": handle]
          while i < tokens.count {
            skipNewlines()
            guard i < tokens.count else { break }
            if tokens[i].token == .symbol("}") {
              i += 1
              break
            }
            let body = statement()
            guard case .word(let property)? = body.first?.token else { continue }
            switch property {
            case "flags":
              object["flags"] = body.dropFirst().compactMap { if case .word(let w) = $0.token { w } else { nil } }
            case "timeout": object["timeout"] = 1
            case "elements":
              if let open = body.firstIndex(where: { $0.token == .symbol("{") }) {
                let elements = Array(body[(open + 1)...].dropLast())
                object["elem"] = kind == "map" ? mapPairs(elements) : setElements(elements)
              }
            default: break
            }
          }
          items.append([kind: object])
          continue
        }
        // Chain body.
        var chain: [String: Any] = [
          "family": family, "table": tableName, "name": name, "handle": handle, "line": tokens[max(0, i - 1)].line,
        ]
        let chainItem = items.count
        items.append(["chain": chain])
        while i < tokens.count {
          skipNewlines()
          guard i < tokens.count else { break }
          if tokens[i].token == .symbol("}") {
            i += 1
            break
          }
          let line = tokens[i].line
          let body = statement()
          let words = body.map { t -> String in
            switch t.token {
            case .word(let w): w
            case .string(let s): s
            case .symbol(let c): String(c)
            case .newline: ""
            }
          }
          guard let first = words.first else { continue }
          if first == "type", words.count >= 4, let hookAt = words.firstIndex(of: "hook") {
            chain["type"] = words[1]
            if hookAt + 1 < words.count { chain["hook"] = words[hookAt + 1] }
            if let p = words.firstIndex(of: "priority"), p + 1 < words.count {
              chain["prio"] = NftTextParser.priority(words[p + 1])
            }
            if chain["policy"] == nil { chain["policy"] = "accept" }
            items[chainItem] = ["chain": chain]
            continue
          }
          if first == "policy", words.count >= 2 {
            chain["policy"] = words[1]
            items[chainItem] = ["chain": chain]
            continue
          }
          if first == "comment" || first == "devices" { continue }
          handle += 1
          var rule: [String: Any] = [
            "family": family, "table": tableName, "chain": name, "handle": handle, "line": line,
          ]
          let (exprs, comment, problems) = expressions(body)
          rule["expr"] = exprs
          if let comment { rule["comment"] = comment }
          for problem in problems { diag(.warning, .unsupportedMatch, problem, line) }
          items.append(["rule": rule])
        }
      }
    }
    return (items, diagnostics)
  }
}
