import BulkheadModel
import Foundation

/// One rule's tokens into the expression objects `nft -j` prints (matches, sets, maps, verdicts, statements).
extension NftTextParser {

  /// `filter` → 0, `raw` → -300… (nft(8) "PRIORITY"), numbers as written, `filter + 10` reads the name only.
  static func priority(_ text: String) -> Int {
    let names = ["raw": -300, "mangle": -150, "dstnat": -100, "filter": 0, "security": 50, "srcnat": 100]
    return Int(text) ?? names[text] ?? 0
  }

  func text(_ t: Located) -> String? {
    switch t.token {
    case .word(let w): w
    case .string(let s): s
    default: nil
    }
  }

  /// A value in the `nft -j` shape: number, string, `{"range"}`, `{"prefix"}`, or a list for `a,b`.
  func value(_ raw: String) -> Any {
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

  func setElements(_ tokens: [Located]) -> [Any] {
    tokens.compactMap { t -> Any? in text(t).map(value) }
  }

  func mapPairs(_ tokens: [Located]) -> [Any] {
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

  static let payloadProtocols: Set<String> = [
    "ip", "ip6", "tcp", "udp", "sctp", "udplite", "dccp", "th", "icmp", "icmpv6",
  ]
  static let metaKeys: Set<String> = [
    "iifname", "oifname", "iif", "oif", "l4proto", "nfproto", "mark", "protocol", "iiftype", "oiftype", "skuid",
    "skgid", "pkttype",
  ]
  static let operators: Set<String> = ["==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge"]

  /// Converts one rule's tokens into `nft -j` expressions; returns the comment and problems found.
  func expressions(_ tokens: [Located]) -> ([Any], String?, [String]) {
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
