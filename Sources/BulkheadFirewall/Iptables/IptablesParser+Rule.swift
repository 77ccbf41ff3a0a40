import BulkheadModel

/// One `-A`/`-I` rule: its options into matches (iptables(8), iptables-extensions(8)), its target, its comment.
extension IptablesParser {
  // swiftlint:disable:next function_body_length cyclomatic_complexity
  func parseRule(
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
}
