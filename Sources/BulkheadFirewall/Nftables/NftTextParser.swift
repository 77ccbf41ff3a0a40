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

  private enum Token: Equatable {
    case word(String)
    case string(String)
    case symbol(Character)
    case newline
  }

  private struct Located {
    var token: Token
    var line: Int
  }

  private func tokenize(_ text: String) -> [Located] {
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

  /// Applies `define NAME = VALUE` (nft(8) "VARIABLES"): removes the definitions and replaces `$NAME` by the value's
  /// tokens.
  private func expandDefines(_ tokens: [Located]) -> [Located] {
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

  /// `filter` → 0, `raw` → -300… (nft(8) "PRIORITY"), numbers as written, `filter + 10` reads the name only.
  static func priority(_ text: String) -> Int {
    let names = ["raw": -300, "mangle": -150, "dstnat": -100, "filter": 0, "security": 50, "srcnat": 100]
    return Int(text) ?? names[text] ?? 0
  }

  private func text(_ t: Located) -> String? {
    switch t.token {
    case .word(let w): w
    case .string(let s): s
    default: nil
    }
  }

  /// A value in the `nft -j` shape: number, string, `{"range"}`, `{"prefix"}`, or a list for `a,b`.
  private func value(_ raw: String) -> Any {
    if raw.contains(",") { return raw.split(separator: ",").map { value(String($0)) } }
    if let n = Int(raw) { return n }
    if let slash = raw.firstIndex(of: "/"), let len = Int(raw[raw.index(after: slash)...]),
      IPAddress(raw[..<slash]) != nil
    {
      return ["prefix": ["addr": String(raw[..<slash]), "len": len]]
    }
    let dash = raw.split(separator: "-", maxSplits: 1)
    if dash.count == 2 {
      if let a = Int(dash[0]), let b = Int(dash[1]) { return ["range": [a, b]] }
      if IPAddress(dash[0]) != nil && IPAddress(dash[1]) != nil {
        return ["range": [String(dash[0]), String(dash[1])]]
      }
    }
    return raw
  }

  private func setElements(_ tokens: [Located]) -> [Any] {
    tokens.compactMap { t -> Any? in text(t).map(value) }
  }

  private func mapPairs(_ tokens: [Located]) -> [Any] {
    // `k : v, k : v` (a verdict may be two words: `jump x`).
    var pairs: [Any] = []
    var current: [String] = []
    func close() {
      if let colon = current.firstIndex(of: ":"), colon > 0 {
        let key = value(current[0])
        let rest = Array(current[(colon + 1)...])
        if let first = rest.first {
          let verdict: Any
          switch first {
          case "jump", "goto": verdict = [first: ["target": rest.count > 1 ? rest[1] : ""]]
          case "accept", "drop", "reject", "return", "continue": verdict = [first: NSNull()]
          default: verdict = value(first)
          }
          pairs.append([key, verdict])
        }
      }
      current = []
    }
    for t in tokens {
      if t.token == .symbol(",") {
        close()
      } else if let w = text(t) {
        current.append(w)
      }
    }
    close()
    return pairs
  }

  private static let payloadProtocols: Set<String> = [
    "ip", "ip6", "tcp", "udp", "sctp", "udplite", "dccp", "th", "icmp", "icmpv6",
  ]
  private static let metaKeys: Set<String> = [
    "iifname", "oifname", "iif", "oif", "l4proto", "nfproto", "mark", "protocol", "iiftype", "oiftype", "skuid",
    "skgid", "pkttype",
  ]
  private static let operators: Set<String> = ["==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge"]

  /// Converts one rule's tokens into `nft -j` expressions; returns the comment and problems found.
  private func expressions(_ tokens: [Located]) -> ([Any], String?, [String]) {
    var exprs: [Any] = []
    var comment: String? = nil
    var problems: [String] = []
    var i = 0
    func word(_ k: Int) -> String? { k < tokens.count ? text(tokens[k]) : nil }
    /// Reads an optional operator and a value (`{ … }` set, `@name`, a word); returns op and right side.
    func readRight() -> (String, Any)? {
      var op = "=="
      var explicitOperator = false
      if let w = word(i), NftTextParser.operators.contains(w) {
        explicitOperator = true
        op = ["eq": "==", "ne": "!=", "lt": "<", "gt": ">", "le": "<=", "ge": ">="][w] ?? w
        i += 1
      }
      guard i < tokens.count else { return nil }
      if tokens[i].token == .symbol("{") {
        var depth = 0
        var inner: [Located] = []
        while i < tokens.count {
          if tokens[i].token == .symbol("{") { depth += 1 }
          if tokens[i].token == .symbol("}") {
            depth -= 1
            if depth == 0 {
              i += 1
              break
            }
          }
          if depth >= 1 && !(depth == 1 && tokens[i].token == .symbol("{")) { inner.append(tokens[i]) }
          i += 1
        }
        return (op, ["set": setElements(inner)])
      }
      guard let w = word(i) else { return nil }
      i += 1
      if w.hasPrefix("@") { return (op, w) }
      // `ct state != established | new`: how `nft list` prints a flag combination (an exact comparison).
      if word(i) == "|" {
        var bits: [Any] = [value(w)]
        while word(i) == "|", let next = word(i + 1) {
          bits.append(value(next))
          i += 2
        }
        return (explicitOperator ? op : "in", ["|": bits])
      }
      // `ct state established,related`: a comma list outside braces (flags).
      var list = [value(w)]
      while i + 1 < tokens.count, tokens[i].token == .symbol(","), let next = word(i + 1) {
        list.append(value(next))
        i += 2
      }
      // `!= a,b` is an exact comparison with the combined flags (nft prints it as `{"|": [a, b]}`).
      if op == "!=" && list.count > 1 { return (op, ["|": list]) }
      return (op, list.count == 1 ? list[0] : list)
    }
    while i < tokens.count {
      guard let w = word(i) else {
        i += 1
        continue
      }
      var left: [String: Any]? = nil
      if NftTextParser.payloadProtocols.contains(w), let field = word(i + 1),
        !(w == "ip" && field == "version")
      {
        left = ["payload": ["protocol": w, "field": field]]
        i += 2
      } else if w == "meta", let key = word(i + 1) {
        left = ["meta": ["key": key]]
        i += 2
      } else if NftTextParser.metaKeys.contains(w) {
        left = ["meta": ["key": w]]
        i += 1
      } else if w == "ct", let key = word(i + 1) {
        left = ["ct": ["key": key]]
        i += 2
      }
      if let left {
        if word(i) == "vmap" {
          i += 1
          if let (_, data) = readRight() {
            if let name = data as? String {
              exprs.append(["vmap": ["key": left, "data": name]])
            } else {
              // Re-read the braces as pairs.
              var j = i - 1
              var depth = 0
              var inner: [Located] = []
              while j >= 0 {
                if tokens[j].token == .symbol("}") { depth += 1 }
                if tokens[j].token == .symbol("{") {
                  depth -= 1
                  if depth == 0 { break }
                }
                j -= 1
              }
              if j >= 0 { inner = Array(tokens[(j + 1)..<(i - 1)]) }
              exprs.append(["vmap": ["key": left, "data": ["set": mapPairs(inner)]]])
            }
          }
          continue
        }
        guard let (op, right) = readRight() else {
          problems.append("incomplete match '\(w)'")
          break
        }
        exprs.append(["match": ["left": left, "op": op, "right": right]])
        continue
      }
      switch w {
      case "accept", "drop", "return", "continue":
        exprs.append([w: NSNull()])
        i += 1
      case "reject":
        i += 1
        if word(i) == "with", let kind = word(i + 1) {
          // `with icmp|icmpv6|icmpx type X` or `with tcp reset`.
          if kind == "tcp" {
            exprs.append(["reject": ["type": "tcp reset"]])
            i += 3
          } else {
            exprs.append(["reject": ["type": kind, "expr": word(i + 3) ?? ""]])
            i += word(i + 2) == "type" ? 4 : 3
          }
        } else {
          exprs.append(["reject": NSNull()])
        }
      case "jump", "goto":
        exprs.append([w: ["target": word(i + 1) ?? ""]])
        i += 2
      case "counter":
        i += 1
        var c: [String: Any] = [:]
        if word(i) == "packets", let p = word(i + 1).flatMap({ UInt64($0) }) {
          c["packets"] = p
          i += 2
        }
        if word(i) == "bytes", let b = word(i + 1).flatMap({ UInt64($0) }) {
          c["bytes"] = b
          i += 2
        }
        exprs.append(["counter": c])
      case "log":
        i += 1
        var l: [String: Any] = [:]
        while let k = word(i), ["prefix", "level", "flags", "group", "snaplen", "queue-threshold"].contains(k) {
          if k == "prefix" { l["prefix"] = word(i + 1) ?? "" }
          i += 2
        }
        exprs.append(["log": l])
      case "comment":
        comment = word(i + 1)
        i += 2
      case "queue":
        exprs.append(["queue": [:] as [String: Any]])
        i = tokens.count
      case "dnat", "snat", "masquerade", "redirect", "tproxy", "notrack":
        exprs.append([w: NSNull()])
        i = tokens.count
      case "limit", "quota":
        var words: [String] = []
        while let k = word(i), !["accept", "drop", "reject", "return", "jump", "goto", "counter", "log"].contains(k) {
          words.append(k)
          i += 1
        }
        exprs.append([w: ["text": words.joined(separator: " ")]])
      default:
        // Unknown: the rest of the statement is one unsupported condition.
        let rest = tokens[i...].compactMap(text).joined(separator: " ")
        var verdictTail: [Any] = []
        for v in ["accept", "drop", "reject", "return"] where rest.hasSuffix(" " + v) { verdictTail = [[v: NSNull()]] }
        exprs.append(["xt": ["text": rest]])
        exprs.append(contentsOf: verdictTail)
        i = tokens.count
      }
    }
    return (exprs, comment, problems)
  }
}
