import BulkheadModel

/// Parses `iptables-save` / `iptables-restore` text (iptables(8), iptables-extensions(8)) into the rule IR.
///
/// Every line is either understood, or reported with file:line and what was not understood; a rule with an
/// unsupported match keeps that match as ``Match/unsupported(_:)`` (see ``Rule/assumesUnsupportedMatch`` for how it
/// is evaluated). A file that yields no rule fails closed.
public struct IptablesParser: Sendable {
  /// The file name used in provenance and diagnostics.
  public let file: String

  /// Creates a parser for one file.
  public init(file: String) {
    self.file = file
  }

  struct PendingRule {
    var rule: Rule
    var target: String?
    var targetColumn: Int
  }

  struct TableBuilder {
    var name: String
    var chainOrder: [String] = []
    var policies: [String: Verdict] = [:]
    var chainLines: [String: Int] = [:]
    var rules: [String: [PendingRule]] = [:]
    var addressFamilies: Set<IPAddress.Family> = []
    var icmpv6 = false

    mutating func declare(_ chain: String, line: Int) {
      if rules[chain] == nil {
        chainOrder.append(chain)
        rules[chain] = []
        chainLines[chain] = line
      }
    }
  }

  /// Built-in chains of the filter table and their hooks.
  static let builtinHooks: [String: ChainHook] = [
    "INPUT": .input, "FORWARD": .forward, "OUTPUT": .output, "PREROUTING": .prerouting, "POSTROUTING": .postrouting,
  ]

  /// The tables whose chains can drop a packet, with the priority netfilter runs them at on a hook (iptables(8),
  /// "TABLES"; `NF_IP_PRI_*`): a forwarded packet crosses raw and mangle PREROUTING, mangle and filter FORWARD,
  /// mangle POSTROUTING, and a drop in any of them ends it. The nat table only rewrites (it sees a connection's first
  /// packet and cannot filter), so it is recorded, not evaluated.
  static let filteringTables: [String: Int] = ["raw": -300, "mangle": -150, "filter": 0, "security": 50]

  /// Targets that do not decide a filtering verdict; evaluation continues after them.
  static let nonTerminalTargets: Set<String> = [
    "MARK", "CONNMARK", "CT", "NOTRACK", "TCPMSS", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "SET", "AUDIT", "TRACE",
    "CHECKSUM", "SECMARK", "CONNSECMARK", "IDLETIMER", "LED", "RATEEST", "TEE", "HMARK",
  ]

  /// NAT targets: they rewrite addresses (nat table), which Bulkhead does not model.
  static let natTargets: Set<String> = ["DNAT", "SNAT", "MASQUERADE", "REDIRECT", "NETMAP"]

  /// Parses the text.
  public func parse(_ text: String) -> ParseResult {
    var diagnostics: [Diagnostic] = []
    var tables: [TableBuilder] = []
    var current: Int? = nil
    var implicitNoted = false

    func diag(
      _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ message: String, _ line: Int, _ column: Int = 0
    ) {
      diagnostics.append(
        Diagnostic(severity, code, message, at: SourceLocation(file: file, line: line, column: column)))
    }
    func tableIndex(_ lineNumber: Int) -> Int {
      if let current { return current }
      // aerleon and hand-written restore files often omit `*filter`; iptables-restore would refuse them, but the
      // intent is unambiguous.
      if !implicitNoted {
        diag(
          .note, .implicitFilterTable, "rules before any '*table' header; assumed to belong to the filter table",
          lineNumber)
        implicitNoted = true
      }
      if let existing = tables.firstIndex(where: { $0.name == "filter" }) {
        current = existing
        return existing
      }
      tables.append(TableBuilder(name: "filter"))
      current = tables.count - 1
      return tables.count - 1
    }

    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = offset + 1
      let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
      if line.isEmpty || line.hasPrefix("#") || line.allSatisfy({ $0 == "\r" }) { continue }
      if line.hasPrefix("*") {
        let name = String(line.dropFirst()).trimmingTrailingWhitespace()
        if let existing = tables.firstIndex(where: { $0.name == name }) {
          current = existing
        } else {
          tables.append(TableBuilder(name: name))
          current = tables.count - 1
        }
        if !["filter", "nat", "mangle", "raw", "security"].contains(name) {
          diag(.warning, .unsupportedCommand, "unknown table '\(name)'", lineNumber)
        }
        continue
      }
      if line.hasPrefix("COMMIT") {
        current = nil
        continue
      }
      if line.hasPrefix(":") {
        // `:CHAIN POLICY [packets:bytes]`
        let parts = line.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard let name = parts.first else {
          diag(.error, .syntax, "chain declaration without a name", lineNumber)
          continue
        }
        let t = tableIndex(lineNumber)
        tables[t].declare(String(name), line: lineNumber)
        if parts.count > 1 {
          switch parts[1] {
          case "ACCEPT": tables[t].policies[String(name)] = .allow
          case "DROP": tables[t].policies[String(name)] = .deny
          case "-": break
          default:
            diag(.error, .syntax, "chain \(name): unknown policy '\(parts[1])'; treated as ACCEPT", lineNumber)
            tables[t].policies[String(name)] = .allow
          }
        }
        continue
      }
      var (tokens, unterminated) = ShellTokenizer.tokenize(line)
      if unterminated {
        diag(.warning, .syntax, "unterminated quote; the rest of the line was taken as one word", lineNumber)
      }
      let lineColumnOffset = rawLine.count - line.count
      for i in tokens.indices { tokens[i].column += lineColumnOffset }
      var counters: (UInt64, UInt64)? = nil
      // `iptables-save -c` puts `[packets:bytes]` before the command.
      if let first = tokens.first, first.text.hasPrefix("["), first.text.hasSuffix("]") {
        let inner = first.text.dropFirst().dropLast().split(separator: ":")
        if inner.count == 2, let p = UInt64(inner[0]), let b = UInt64(inner[1]) {
          counters = (p, b)
        } else {
          diag(.warning, .syntax, "unreadable counters '\(first.text)'", lineNumber, first.column)
        }
        tokens.removeFirst()
      }
      guard let command = tokens.first else { continue }
      switch command.text {
      case "-A", "--append", "-I", "--insert":
        guard tokens.count >= 2 else {
          diag(.error, .syntax, "\(command.text) without a chain name; line ignored", lineNumber, command.column)
          continue
        }
        let chain = tokens[1].text
        var rest = Array(tokens.dropFirst(2))
        var insertAt: Int? = nil
        if command.text == "-I" || command.text == "--insert" {
          insertAt = 0
          if let n = rest.first, let position = Int(n.text) {
            insertAt = max(0, position - 1)
            rest.removeFirst()
          }
        }
        let t = tableIndex(lineNumber)
        if tables[t].rules[chain] == nil {
          if IptablesParser.builtinHooks[chain] == nil {
            diag(.warning, .undeclaredChain, "rule appended to undeclared chain '\(chain)'; chain created", lineNumber)
          }
          tables[t].declare(chain, line: lineNumber)
        }
        var pending = parseRule(
          rest, chain: chain, line: lineNumber, text: String(line).trimmingTrailingWhitespace(),
          table: &tables[t], diagnostics: &diagnostics)
        if let counters, pending.rule.provenance.packets == nil {
          pending.rule.provenance.packets = counters.0
          pending.rule.provenance.bytes = counters.1
        }
        if let insertAt {
          let index = min(insertAt, tables[t].rules[chain]?.count ?? 0)
          tables[t].rules[chain]?.insert(pending, at: index)
        } else {
          tables[t].rules[chain]?.append(pending)
        }
      case "-N", "--new-chain":
        guard tokens.count >= 2 else {
          diag(.error, .syntax, "-N without a chain name; line ignored", lineNumber, command.column)
          continue
        }
        let t = tableIndex(lineNumber)
        tables[t].declare(tokens[1].text, line: lineNumber)
      case "-P", "--policy":
        guard tokens.count >= 3 else {
          diag(.error, .syntax, "-P needs a chain and a policy; line ignored", lineNumber, command.column)
          continue
        }
        let t = tableIndex(lineNumber)
        tables[t].declare(tokens[1].text, line: lineNumber)
        switch tokens[2].text {
        case "ACCEPT": tables[t].policies[tokens[1].text] = .allow
        case "DROP": tables[t].policies[tokens[1].text] = .deny
        default:
          diag(.error, .syntax, "unknown policy '\(tokens[2].text)'; treated as ACCEPT", lineNumber, tokens[2].column)
          tables[t].policies[tokens[1].text] = .allow
        }
      default:
        diag(
          .warning, .unsupportedCommand,
          "command '\(command.text)' is not part of a saved ruleset (iptables-save/-restore); line ignored",
          lineNumber, command.column)
      }
    }

    var built: [Table] = []
    for builder in tables {
      built.append(finish(builder, diagnostics: &diagnostics))
    }
    var ruleset = Ruleset(file: file, vendor: .iptables, tables: built, diagnostics: diagnostics)
    ruleset.cutJumpLoops()
    ruleset.diagnostics.sort()
    if ruleset.filterRuleCount == 0 {
      var all = ruleset.diagnostics
      all.append(
        Diagnostic(
          .error, .failClosed,
          "no filter rule found; refusing to guess what this firewall allows (fail closed)",
          at: SourceLocation(file: file)))
      return .failed(all)
    }
    return .parsed(ruleset)
  }

  /// Options this parser models (used to stop swallowing an unknown module's options).
  static let modeledOptions: Set<String> = [
    "--sport", "--source-port", "--dport", "--destination-port", "--sports", "--source-ports", "--dports",
    "--destination-ports", "--ports", "--src-range", "--dst-range", "--state", "--ctstate", "--comment", "--icmp-type",
    "--icmpv6-type",
  ]
}

extension String {
  fileprivate func trimmingTrailingWhitespace() -> String {
    var s = Substring(self)
    while let last = s.last, last.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}

extension Substring {
  fileprivate func trimmingTrailingWhitespace() -> String { String(self).trimmingTrailingWhitespace() }
}
