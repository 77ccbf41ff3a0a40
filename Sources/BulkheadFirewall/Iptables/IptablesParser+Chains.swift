import BulkheadModel

/// Building the tables once every line is read: jump targets resolved, NAT/queue/unknown targets classified,
/// built-in chains attached to their hooks at their table's priority, raw-table state tests marked.
extension IptablesParser {
  /// Resolves targets (a user chain may be declared after a rule jumps to it) and builds the table.
  func finish(_ builder: TableBuilder, diagnostics: inout [Diagnostic]) -> Table {
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
}
