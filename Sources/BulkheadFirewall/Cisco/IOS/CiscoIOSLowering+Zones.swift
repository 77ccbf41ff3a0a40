import BulkheadModel

extension CiscoIOSLowering {
  /// The zone-based firewall as one table with one base chain on the forward hook, between the inbound and the
  /// outbound access groups; `nil` when no interface is a zone member.
  mutating func zoneFirewall(_ config: CiscoIOSConfig) -> Table? {
    let members = config.interfaces.filter { $0.zone != nil }
    guard !members.isEmpty else {
      for pair in config.zonePairs {
        diagnostics.append(
          Diagnostic(
            .note, .iosNotFiltering, "zone-pair \(pair.name): no interface is a zone member; the zones filter nothing",
            at: location(pair.line)))
      }
      return nil
    }
    func interfaces(of zone: String) -> [InterfacePattern] {
      Self.patterns(members.filter { $0.zone == zone }.map(\.name))
    }
    let all = Self.patterns(members.map(\.name))
    let line = members[0].zoneLine ?? members[0].line
    var rules: [Rule] = [
      Rule(
        matches: [.inInterface(all, negated: true), .outInterface(all, negated: true)], action: .accept,
        provenance: implicit(line, "neither interface is a zone member: the zone firewall does not apply")),
      Rule(
        matches: [.state([.established, .related], negated: false)], action: .accept,
        provenance: implicit(line, "the inspect session table passes return traffic of inspected sessions")),
      Rule(
        matches: [.state([.invalid], negated: false)], action: .drop,
        provenance: implicit(line, "a packet that starts no session is dropped")),
    ]
    var chains: [Chain] = []
    for interface in members where config.zones[interface.zone ?? ""] == nil {
      diagnostics.append(
        Diagnostic(
          .error, .iosUnresolved,
          "interface \(interface.name): zone \(interface.zone ?? "") is not defined (zone security); its traffic is "
            + "dropped like that of any zone member without a zone pair", at: location(interface.zoneLine ?? 0)))
    }
    let intrazone = Set(config.zonePairs.filter { $0.source == $0.destination }.map(\.source))
    for zone in config.zoneOrder where !intrazone.contains(zone) {
      let patterns = interfaces(of: zone)
      guard !patterns.isEmpty else { continue }
      var provenance = Provenance(
        file: file, line: config.zones[zone] ?? 0,
        text: "zone security \(zone): traffic between its member interfaces passes")
      provenance.objects = ["zone \(zone)"]
      rules.append(
        Rule(
          matches: [.inInterface(patterns, negated: false), .outInterface(patterns, negated: false)],
          action: .accept, provenance: provenance))
    }
    for pair in config.zonePairs {
      if pair.source.lowercased() == "self" || pair.destination.lowercased() == "self" {
        diagnostics.append(
          Diagnostic(
            .note, .iosNotFiltering,
            "zone-pair \(pair.name): the self zone is traffic to or from the router itself, not forwarded traffic",
            at: location(pair.line)))
        continue
      }
      guard config.zones[pair.source] != nil, config.zones[pair.destination] != nil else {
        diagnostics.append(
          Diagnostic(
            .error, .iosUnresolved,
            "zone-pair \(pair.name): zone \(config.zones[pair.source] == nil ? pair.source : pair.destination) is not "
              + "defined; the pair is not evaluated", at: location(pair.line)))
        continue
      }
      let from = interfaces(of: pair.source)
      let to = interfaces(of: pair.destination)
      guard !from.isEmpty && !to.isEmpty else { continue }
      let name = "zone-pair \(pair.name)"
      chains += zonePairChains(pair, name: name, config: config)
      var provenance = Provenance(
        file: file, line: pair.line,
        text: "zone-pair security \(pair.name) source \(pair.source) destination \(pair.destination)")
      provenance.objects = ["zone \(pair.source)", "zone \(pair.destination)"]
      rules.append(
        Rule(
          matches: [.inInterface(from, negated: false), .outInterface(to, negated: false)], action: .goto(name),
          provenance: provenance))
    }
    let base = Chain(
      name: "zone security", hook: .forward, priority: 1, policy: .deny, rules: rules,
      provenance: Provenance(
        file: file, line: config.zones[config.zoneOrder.first ?? ""] ?? line, text: "zone security"),
      implicitPolicy: "implicit deny: no zone pair passes traffic between these zones (or one interface is in no zone)")
    return Table(name: "zone-based firewall", families: [.v4, .v6], isFilter: true, chains: [base] + chains)
  }

  /// A chain that drops everything, for a zone pair whose policy is missing (`why`, at `line`).
  private func dropping(_ name: String, line: Int, _ why: String) -> Chain {
    Chain(
      name: name, rules: [Rule(matches: [], action: .drop, provenance: Provenance(file: file, line: line, text: why))])
  }

  /// A zone pair's policy map: its classes in order, then `class-default`.
  private mutating func zonePairChains(_ pair: CiscoIOSConfig.ZonePair, name: String, config: CiscoIOSConfig)
    -> [Chain]
  {
    guard let policyName = pair.policy else {
      return [dropping(name, line: pair.line, "zone-pair \(pair.name) has no service-policy: traffic is dropped")]
    }
    guard let policy = config.policyMaps[policyName] else {
      diagnostics.append(
        Diagnostic(
          .error, .iosUnresolved,
          "zone-pair \(pair.name): policy-map type inspect \(policyName) is not defined; its traffic is dropped",
          at: location(pair.policyLine ?? pair.line)))
      return [
        dropping(name, line: pair.policyLine ?? pair.line, "service-policy type inspect \(policyName) (not defined)")
      ]
    }
    var rules: [Rule] = []
    var helpers: [Chain] = []
    for (index, item) in policy.classes.enumerated() {
      let action: RuleAction = item.action == .drop ? .drop : .accept
      guard let classMap = config.classMaps[item.name] else {
        diagnostics.append(
          Diagnostic(
            .error, .iosUnresolved,
            "policy-map \(policy.name): class-map type inspect \(item.name) is not defined; the class matches "
              + "nothing", at: location(item.line)))
        continue
      }
      let conditions = flatten(classMap, config: config, depth: 0)
      let prefix = "\(name) class \(index + 1) \(item.name)"
      var objects = ["zone-pair \(pair.name)", "policy-map \(policy.name)", "class-map \(item.name)"]
      let lists = conditions.map { condition(for: $0, config: config, objects: &objects) }
      guard !lists.isEmpty else {
        diagnostics.append(
          Diagnostic(
            .note, .iosNotFiltering, "class-map \(item.name) has no match statement: the class matches nothing",
            at: location(item.line)))
        continue
      }
      var actionProvenance = Provenance(
        file: file, line: item.actionLine, text: "class type inspect \(item.name): \(item.action.rawValue)")
      actionProvenance.objects = objects
      if classMap.matchAll {
        // Each condition in its own chain: a match goes on to the next one (the last takes the action), a miss
        // (a deny entry, or no entry) returns to the zone pair, which tries the next class.
        for (i, entries) in lists.enumerated() {
          let chainName = "\(prefix) match \(i + 1)"
          let onMatch: RuleAction = i == lists.count - 1 ? action : .goto("\(prefix) match \(i + 2)")
          helpers.append(
            Chain(
              name: chainName,
              rules: entries.map { entry in
                Rule(
                  matches: entry.matches, action: entry.permit ? onMatch : .return,
                  provenance: entry.permit && i == lists.count - 1
                    ? merged(entry.provenance, actionProvenance) : entry.provenance)
              }))
        }
        rules.append(Rule(matches: [], action: .jump("\(prefix) match 1"), provenance: actionProvenance))
      } else {
        for (i, entries) in lists.enumerated() {
          let chainName = "\(prefix) match \(i + 1)"
          helpers.append(
            Chain(
              name: chainName,
              rules: entries.map { entry in
                Rule(
                  matches: entry.matches, action: entry.permit ? action : .return,
                  provenance: entry.permit ? merged(entry.provenance, actionProvenance) : entry.provenance)
              }))
          rules.append(Rule(matches: [], action: .jump(chainName), provenance: actionProvenance))
        }
      }
    }
    let defaultAction: RuleAction = policy.defaultAction == .drop ? .drop : .accept
    let defaultProvenance =
      policy.defaultLine.map {
        Provenance(file: file, line: $0, text: "policy-map \(policy.name) class class-default: \(policy.defaultAction)")
      } ?? implicit(policy.line, "policy-map \(policy.name): class class-default drops")
    rules.append(Rule(matches: [], action: defaultAction, provenance: defaultProvenance))
    return [Chain(name: name, rules: rules)] + helpers
  }

  /// The ACL line that matched, cited with the class that acted on it.
  private func merged(_ entry: Provenance, _ action: Provenance) -> Provenance {
    var provenance = entry
    provenance.objects = action.objects + entry.objects
    provenance.comment = [action.text, entry.comment].compactMap { $0 }.joined(separator: " / ")
    return provenance
  }

  /// A class map's conditions with nested class maps of the same kind inlined.
  private mutating func flatten(_ classMap: CiscoIOSConfig.ClassMap, config: CiscoIOSConfig, depth: Int)
    -> [CiscoIOSConfig.Condition]
  {
    classMap.conditions.flatMap { condition -> [CiscoIOSConfig.Condition] in
      guard case .classMap(let name, let line) = condition else { return [condition] }
      guard depth < 16, let inner = config.classMaps[name] else {
        diagnostics.append(
          Diagnostic(.error, .iosUnresolved, "class-map \(name) is not defined", at: location(line)))
        return [.unsupported("class-map \(name) (not defined)", line: line)]
      }
      if inner.matchAll == classMap.matchAll || inner.conditions.count <= 1 {
        return flatten(inner, config: config, depth: depth + 1)
      }
      diagnostics.append(
        Diagnostic(
          .warning, .iosNotModeled,
          "class-map \(name) nests match-\(inner.matchAll ? "all" : "any") in match-\(classMap.matchAll ? "all" : "any"); "
            + "not modeled (assumed to match if the class inspects or passes)", at: location(line)))
      return [.unsupported("class-map \(name)", line: line)]
    }
  }

  /// The entries of one condition: first match, a permit entry matches the condition, a deny entry does not.
  private mutating func condition(
    for condition: CiscoIOSConfig.Condition, config: CiscoIOSConfig, objects: inout [String]
  ) -> [(matches: [Match], permit: Bool, provenance: Provenance)] {
    switch condition {
    case .acl(let name, let line):
      objects.append("access-list \(name)")
      guard let list = config.accessLists[name] else {
        diagnostics.append(
          Diagnostic(
            .error, .iosUnresolved,
            "class-map matches access-group \(name), which is not defined; assumed to match if the class inspects "
              + "or passes", at: location(line)))
        return [
          (
            [.unsupported("access-list \(name) (not defined)")], true,
            Provenance(file: file, line: line, text: "match access-group \(name)")
          )
        ]
      }
      var entries: [(matches: [Match], permit: Bool, provenance: Provenance)] = []
      for entry in list.entries {
        if entry.evaluate != nil || entry.reflect != nil {
          diagnostics.append(
            Diagnostic(
              .warning, .iosNotModeled, "a reflexive entry in a class map's access list is not modeled",
              at: location(entry.line)))
        }
        let provenance = self.provenance(entry)
        for matches in alternatives(entry, list: list, config: config) {
          entries.append(([.family(list.family)] + matches, entry.permit, provenance))
        }
      }
      return entries
    case .packets(let name, let lists, let line):
      return lists.map { ($0, true, Provenance(file: file, line: line, text: "match \(name)")) }
    case .unsupported(let text, let line):
      return [([.unsupported(text)], true, Provenance(file: file, line: line, text: text))]
    case .classMap(let name, let line):
      return [([.unsupported("class-map \(name)")], true, Provenance(file: file, line: line, text: name))]
    }
  }
}
