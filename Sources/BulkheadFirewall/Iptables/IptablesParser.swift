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

  private struct PendingRule {
    var rule: Rule
    var target: String?
    var targetColumn: Int
  }

  private struct TableBuilder {
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

  /// Resolves targets (a user chain may be declared after a rule jumps to it) and builds the table.
  private func finish(_ builder: TableBuilder, diagnostics: inout [Diagnostic]) -> Table {
    let chainNames = Set(builder.chainOrder)
    var chains: [Chain] = []
    for name in builder.chainOrder {
      var rules: [Rule] = []
      for pending in builder.rules[name] ?? [] {
        var rule = pending.rule
        if let target = pending.target {
          let location = SourceLocation(file: file, line: rule.provenance.line, column: pending.targetColumn)
          if chainNames.contains(target) {
            if case .goto = rule.action { rule.action = .goto(target) } else { rule.action = .jump(target) }
          } else if IptablesParser.natTargets.contains(target) {
            rule.action = .continue(target)
            diagnostics.append(
              Diagnostic(
                .warning, .translationNotModeled,
                "\(target) rewrites addresses; NAT is not modeled, so reachability is computed on the addresses the "
                  + "filter chains see", at: location))
          } else if IptablesParser.nonTerminalTargets.contains(target) {
            rule.action = .continue(target)
          } else if target == "QUEUE" || target == "NFQUEUE" {
            rule.action = .accept
            diagnostics.append(
              Diagnostic(
                .warning, .unsupportedTarget,
                "\(target) hands the verdict to a userspace program; treated as ACCEPT (over-approximates what is allowed)",
                at: location))
          } else {
            rule.action = .continue(target)
            diagnostics.append(
              Diagnostic(
                .warning, .unsupportedTarget,
                "unknown target '\(target)'; treated as a non-terminating target (evaluation continues)",
                at: location))
          }
        }
        rules.append(rule)
      }
      let hook = IptablesParser.builtinHooks[name]
      chains.append(
        Chain(
          name: name, hook: hook, priority: IptablesParser.filteringTables[builder.name] ?? 0,
          policy: hook == nil ? nil : (builder.policies[name] ?? .allow),
          rules: rules,
          provenance: Provenance(file: file, line: builder.chainLines[name] ?? 0, text: ":\(name)")))
    }
    // raw runs before connection tracking (priority -300 < -200, iptables(8) "TABLES"): a packet has no conntrack
    // state there yet, so a state test is not modeled rather than read as if conntrack had run.
    if builder.name == "raw" {
      for c in chains.indices {
        for r in chains[c].rules.indices {
          for m in chains[c].rules[r].matches.indices {
            guard case .state = chains[c].rules[r].matches[m] else { continue }
            let rule = chains[c].rules[r]
            chains[c].rules[r].matches[m] = .unsupported("conntrack state in the raw table")
            diagnostics.append(
              Diagnostic(
                .warning, .beforeConnectionTracking,
                "the raw table runs before connection tracking, so this state test sees no tracked state; "
                  + (rule.assumesUnsupportedMatch ? "assumed to match" : "assumed never to match"),
                at: SourceLocation(file: file, line: rule.provenance.line)))
          }
        }
      }
    }
    // ip6tables-save looks the same as iptables-save; the addresses and ICMPv6 matches tell which one it was.
    let v6 = builder.addressFamilies == [.v6] || (builder.addressFamilies.isEmpty && builder.icmpv6)
    return Table(
      name: builder.name, families: v6 ? [.v6] : [.v4], isFilter: IptablesParser.filteringTables[builder.name] != nil,
      chains: chains)
  }

  // swiftlint:disable:next function_body_length cyclomatic_complexity
  private func parseRule(
    _ tokens: [ShellTokenizer.Token], chain: String, line: Int, text: String, table: inout TableBuilder,
    diagnostics: inout [Diagnostic]
  ) -> PendingRule {
    var matches: [Match] = []
    var action: RuleAction = .continue("no target")
    var target: String? = nil
    var targetColumn = 0
    var comment: String? = nil
    var packets: UInt64? = nil
    var bytes: UInt64? = nil
    var protocols: Set<UInt8>? = nil
    var protocolNegated = false
    var seenTarget = false
    var index = 0
    var negate = false

    func diag(_ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ message: String, _ column: Int) {
      diagnostics.append(
        Diagnostic(severity, code, message, at: SourceLocation(file: file, line: line, column: column)))
    }
    func unsupported(_ what: String, _ column: Int, reason: String) {
      matches.append(.unsupported(what))
      let how: String
      switch action {
      case .drop, .reject, .return: how = "assumed never to match (the rule's action is \(action))"
      default: how = "assumed to match when the rule accepts or jumps; never to match when it drops"
      }
      diag(.warning, .unsupportedMatch, "\(reason): '\(what)' is not modeled; \(how)", column)
    }
    func value(_ option: ShellTokenizer.Token) -> ShellTokenizer.Token? {
      index += 1
      guard index < tokens.count else {
        diag(.error, .syntax, "option \(option.text) needs a value", option.column)
        return nil
      }
      // Old syntax `-s ! 10.0.0.1`: the negation after the option name.
      if tokens[index].text == "!" && index + 1 < tokens.count {
        negate.toggle()
        index += 1
      }
      return tokens[index]
    }
    /// Consumes the values of an option we do not model (every following word that is not an option).
    func swallow(_ option: ShellTokenizer.Token) -> String {
      var words = [option.text]
      while index + 1 < tokens.count, !tokens[index + 1].text.hasPrefix("-"), tokens[index + 1].text != "!" {
        index += 1
        words.append(tokens[index].text)
      }
      return words.joined(separator: " ")
    }
    func noteFamily(_ ranges: [AddressRange]) {
      for r in ranges { table.addressFamilies.insert(r.family) }
    }
    func requirePorts(_ option: ShellTokenizer.Token) -> Bool {
      if let protocols, !protocolNegated, !protocols.isDisjoint(with: Match.portProtocols) { return true }
      unsupported(option.text, option.column, reason: "port match without '-p tcp|udp|sctp'")
      return false
    }

    var pendingUnsupported: [(String, Int, String)] = []
    var modules: [(String, Int)] = []
    while index < tokens.count {
      let token = tokens[index]
      let option = token.text
      if option == "!" {
        negate = true
        index += 1
        continue
      }
      switch option {
      case "-s", "--source", "--src", "-d", "--destination", "--dst":
        guard let v = value(token) else { break }
        if let ranges = IptablesValues.addresses(v.text) {
          noteFamily(ranges)
          matches.append(
            option.hasPrefix("-s") || option.hasPrefix("--s")
              ? .source(ranges, negated: negate) : .destination(ranges, negated: negate))
        } else {
          pendingUnsupported.append(
            ("\(option) \(v.text)", v.column, "address not understood (hostnames are not resolved)"))
        }
      case "-p", "--protocol":
        guard let v = value(token) else { break }
        let name = v.text.lowercased()
        if name == "all" || name == "0" {
          if negate { matches.append(.proto([], negated: false)) }  // `! -p all` matches nothing
        } else if let number = ProtocolNames.number(Substring(name)) {
          protocols = [number]
          protocolNegated = negate
          if number == 58 { table.icmpv6 = true }
          matches.append(.proto([number], negated: negate))
        } else {
          pendingUnsupported.append(("-p \(v.text)", v.column, "unknown protocol"))
        }
      case "-i", "--in-interface", "-o", "--out-interface":
        guard let v = value(token) else { break }
        let pattern = InterfacePattern(iptables: Substring(v.text))
        matches.append(
          option.hasPrefix("-i") || option.hasPrefix("--in")
            ? .inInterface([pattern], negated: negate) : .outInterface([pattern], negated: negate))
      case "-m", "--match":
        guard let v = value(token) else { break }
        modules.append((v.text, v.column))
        let known: Set<String> = [
          "tcp", "udp", "sctp", "multiport", "iprange", "state", "conntrack", "comment", "icmp", "icmp6", "icmpv6",
        ]
        if !known.contains(v.text) {
          // The module's own options follow; each unknown option is reported where it appears.
          if v.text == "set" {
            pendingUnsupported.append(("-m set", v.column, "ipset contents are not part of the saved ruleset"))
          } else if ["limit", "hashlimit", "recent", "connlimit", "time", "statistic", "quota"].contains(v.text) {
            pendingUnsupported.append(("-m \(v.text)", v.column, "rate/time-dependent match"))
          } else {
            pendingUnsupported.append(("-m \(v.text)", v.column, "match module not modeled"))
          }
          negate = false
          // Module options are swallowed by the generic branch below, without a second report.
          while index + 1 < tokens.count, tokens[index + 1].text.hasPrefix("--") || tokens[index + 1].text == "!" {
            if tokens[index + 1].text == "!" {
              index += 1
              continue
            }
            let opt = tokens[index + 1].text
            if IptablesParser.modeledOptions.contains(opt) || opt == "--jump" || opt == "--goto" { break }
            index += 1
            _ = swallow(tokens[index])
          }
        }
      case "--sport", "--source-port", "--dport", "--destination-port":
        guard let v = value(token) else { break }
        guard requirePorts(token) else { break }
        if let r = IptablesValues.portRange(Substring(v.text)) {
          matches.append(
            option.contains("d") && !option.hasPrefix("--s")
              ? .destinationPort([r], negated: negate) : .sourcePort([r], negated: negate))
        } else {
          pendingUnsupported.append(
            ("\(option) \(v.text)", v.column, "port not understood (service names are not resolved)"))
        }
      case "--sports", "--source-ports", "--dports", "--destination-ports":
        guard let v = value(token) else { break }
        guard requirePorts(token) else { break }
        if let list = IptablesValues.portList(v.text) {
          matches.append(
            option.hasPrefix("--d") ? .destinationPort(list, negated: negate) : .sourcePort(list, negated: negate))
        } else {
          pendingUnsupported.append(("\(option) \(v.text)", v.column, "port list not understood"))
        }
      case "--ports":
        guard let v = value(token) else { break }
        guard requirePorts(token) else { break }
        if let list = IptablesValues.portList(v.text) {
          matches.append(.anyPort(list, negated: negate))
        } else {
          pendingUnsupported.append(("--ports \(v.text)", v.column, "port list not understood"))
        }
      case "--src-range", "--dst-range":
        guard let v = value(token) else { break }
        if let r = IptablesValues.addressRange(v.text) {
          noteFamily([r])
          matches.append(option == "--src-range" ? .source([r], negated: negate) : .destination([r], negated: negate))
        } else {
          pendingUnsupported.append(("\(option) \(v.text)", v.column, "address range not understood"))
        }
      case "--state", "--ctstate":
        guard let v = value(token) else { break }
        let (states, unknown) = IptablesValues.states(v.text)
        if !unknown.isEmpty {
          diag(
            .warning, .unsupportedMatch,
            "conntrack state \(unknown.joined(separator: ",")) is not modeled; Bulkhead models NEW, ESTABLISHED, "
              + "RELATED, INVALID only", v.column)
        }
        matches.append(.state(states, negated: negate))
      case "--comment":
        guard let v = value(token) else { break }
        comment = v.text
      case "--icmp-type", "--icmpv6-type":
        guard let v = value(token) else { break }
        let v6 = option == "--icmpv6-type"
        if v6 { table.icmpv6 = true }
        if let (type, codes) = IptablesValues.icmpType(v.text, v6: v6) {
          if type != nil || negate {
            matches.append(.icmp(v6 ? .v6 : .v4, types: type.map { [$0] }, codes: codes, negated: negate))
          }
        } else {
          pendingUnsupported.append(("\(option) \(v.text)", v.column, "ICMP type not understood"))
        }
      case "-4", "--ipv4":
        matches.append(.family(.v4))
      case "-6", "--ipv6":
        matches.append(.family(.v6))
      case "-c", "--set-counters":
        if index + 2 < tokens.count, let p = UInt64(tokens[index + 1].text), let b = UInt64(tokens[index + 2].text) {
          packets = p
          bytes = b
          index += 2
        } else {
          diag(.warning, .syntax, "-c needs two numbers", token.column)
        }
      case "-j", "--jump", "-g", "--goto":
        guard let v = value(token) else { break }
        seenTarget = true
        targetColumn = v.column
        let isGoto = option == "-g" || option == "--goto"
        switch v.text {
        case "ACCEPT" where !isGoto: action = .accept
        case "DROP" where !isGoto: action = .drop
        case "REJECT" where !isGoto: action = .reject
        case "RETURN" where !isGoto: action = .return
        case "LOG", "NFLOG", "ULOG":
          action = .log(nil)
        default:
          target = v.text
          action = isGoto ? .goto(v.text) : .jump(v.text)
        }
      case "--log-prefix":
        guard let v = value(token) else { break }
        if case .log = action { action = .log(v.text) }
      case "-f", "--fragment":
        pendingUnsupported.append(("-f", token.column, "fragment match"))
      default:
        if seenTarget && option.hasPrefix("--") {
          // Target options (`--reject-with`, `--log-level`, `--to-destination`…) do not change the verdict.
          _ = swallow(token)
        } else if option.hasPrefix("-") {
          let words = swallow(token)
          pendingUnsupported.append((words, token.column, "option not modeled"))
        } else {
          diag(.warning, .syntax, "unexpected word '\(option)'; ignored", token.column)
        }
      }
      // A `!` applies to the one option after it (or, old syntax, inside it).
      negate = false
      index += 1
    }
    if case .continue("no target") = action {
      diag(.note, .unsupportedTarget, "rule has no target; it only counts packets", 0)
    }
    // `-m tcp` without `-p tcp` is refused by the kernel's xt_tcpudp check; do not pretend it matches everything.
    for (module, column) in modules {
      guard let number = ["tcp": UInt8(6), "udp": 17, "sctp": 132][module] else { continue }
      if protocols != [number] || protocolNegated {
        pendingUnsupported.append(("-m \(module)", column, "'-m \(module)' without '-p \(module)'"))
      }
    }
    // Unsupported parts are recorded once the action is known, so the diagnostic can say how they are treated.
    for (what, column, reason) in pendingUnsupported { unsupported(what, column, reason: reason) }
    let provenance = Provenance(
      file: file, line: line, text: text, comment: comment, packets: packets, bytes: bytes)
    return PendingRule(
      rule: Rule(matches: matches, action: action, provenance: provenance), target: target, targetColumn: targetColumn)
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
