import BulkheadFirewall
import BulkheadModel

extension FirewallView {
  /// Facts about every forwarding rule of every parsed enforcement point, in config order.
  func ruleFacts() -> [FirewallRuleFacts] {
    guard let space = matrix?.space else { return [] }
    var facts: [FirewallRuleFacts] = []
    let bdd = space.bdd
    let crossing = bdd.and(space.universe, bdd.not(space.sameInterface()))
    for point in plant.enforcementPoints {
      guard let ruleset = ruleset(of: point.id) else { continue }
      let findings = RuleAnalyzer(evaluator: PolicyEvaluator(space: space, ruleset: ruleset)).analyze(hooks: [.forward])
      var kinds: [Provenance: Set<RuleFinding.Kind>] = [:]
      for finding in findings { kinds[finding.rule, default: []].insert(finding.kind) }
      for table in ruleset.tables where table.isFilter {
        for chain in table.chains where chain.isFilter && ruleset.filtersTransit(chain) {
          for rule in chain.rules {
            let found = kinds[rule.provenance] ?? []
            let disposition: FirewallRuleFacts.Disposition =
              switch rule.action {
              case .accept: .permit
              case .drop, .reject: .deny
              default: .other
              }
            let establishedOnly = rule.matches.contains { match in
              if case .state(let states, let negated) = match, !negated {
                return states.isSubset(of: [.established, .related])
              }
              return false
            }
            // Unreachable matters only where the chain is entered for forwarded traffic (a user chain jumped to
            // from INPUT alone is not a conduit's business).
            let shadowed = found.contains(.shadowed) || (chain.hook != nil && found.contains(.unreachable))
            let provenance = rule.provenance
            var ruleFacts =
              FirewallRuleFacts(
                rule: FirewallView.reference(firewall: point.id, provenance),
                disposition: disposition, isShadowed: shadowed, isRedundant: found.contains(.redundant),
                anySource: found.contains(.anySource), anyDestination: found.contains(.anyDestination),
                anyService: found.contains(.anyService), establishedOnly: establishedOnly,
                packetCount: provenance.packets, sources: Self.addresses(rule, source: true),
                destinations: Self.addresses(rule, source: false))
            ruleFacts.hairpinOnly =
              disposition == .permit && bdd.and(space.encode(rule), crossing) == BDD.falseNode
            facts.append(ruleFacts)
          }
        }
      }
    }
    return facts
  }

  /// The addresses a rule's (not negated) source or destination matches name; nil when it has none.
  static func addresses(_ rule: Rule, source: Bool) -> [AddressRange]? {
    var named: [AddressRange]?
    for match in rule.matches {
      switch match {
      case .source(let ranges, false) where source, .destination(let ranges, false) where !source:
        named = (named ?? []) + ranges
      default:
        continue
      }
    }
    return named
  }

  /// Facts about each enforcement point: parsed, default deny on the forward path, uninterpreted lines.
  func enforcementPointFacts() -> [EnforcementPointFacts] {
    plant.enforcementPoints.map { point in
      let fromConfig = diagnostics.filter { $0.location.file == point.configPath }
      guard let ruleset = ruleset(of: point.id) else {
        var facts = EnforcementPointFacts(
          id: point.id, location: point.location, configFile: point.configPath, parsed: false,
          defaultDeny: false, defaultLocation: nil, uninterpretedLines: fromConfig.count)
        facts.vendor = point.vendor == .auto ? nil : point.vendor
        return facts
      }
      // Transit traffic must pass every chain on its path: the path denies by default when one of them does (its
      // policy denies, or its last rule drops everything unconditionally). With no chain at all, the ruleset says
      // what the device does (netfilter forwards).
      let chains = ruleset.pathChains(hook: .forward)
      var deny = chains.isEmpty && ruleset.unfilteredVerdict == .deny
      var location: SourceLocation? = nil
      for (_, chain) in chains where !deny {
        if (chain.policy ?? .allow) == .deny {
          deny = true
          if let provenance = chain.provenance {
            location = SourceLocation(file: provenance.file, line: provenance.line)
          }
        } else if let last = chain.rules.last, last.matches.isEmpty, last.action == .drop || last.action == .reject {
          deny = true
          location = SourceLocation(file: last.provenance.file, line: last.provenance.line)
        }
      }
      if !deny, let provenance = chains.first?.chain.provenance {
        location = SourceLocation(file: provenance.file, line: provenance.line)
      }
      var facts = EnforcementPointFacts(
        id: point.id, location: point.location, configFile: point.configPath, parsed: true,
        defaultDeny: deny, defaultLocation: location,
        uninterpretedLines: fromConfig.filter { $0.severity != .note }.count)
      facts.vendor = ruleset.vendor
      return facts
    }
  }
}
