import BulkheadModel

/// Lowers a ``FortiGateConfig`` into the IR: per VDOM one table with one base chain on the forward hook.
///
/// FortiOS semantics (FortiOS Administration Guide, "Policies", "Sessions"):
/// 1. With VDOMs, a VDOM's chain first passes packets that do not enter by one of its interfaces (another VDOM's
///    chain decides them).
/// 2. The session table passes return traffic of accepted sessions before any policy: established and related
///    packets are accepted, packets that start no session (netfilter's invalid) are dropped.
/// 3. Policies in the order the configuration lists them (not by id), first match; a disabled policy is skipped.
///    Each policy becomes one IR rule per service entry (a policy matches a union of services); `service-negate`
///    becomes a user chain that returns on the listed services and then takes the policy's action.
/// 4. Zones with `intrazone allow` pass traffic between their member interfaces.
/// 5. The implicit deny (policy 0) is the chain's policy.
/// Families: a policy's `srcaddr`/`dstaddr` make IPv4 rules, `srcaddr6`/`dstaddr6` IPv6 rules; IPv6 a policy does
/// not name meets the implicit deny. A separate `firewall policy6` list is not modeled: IPv6 is then allowed
/// (over-approximation, reported by the reader).
struct FortiGateLowering {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  static let predefinedServices: [String: [FortiGateConfig.ServiceEntry]] = [
    "ALL": [.ip(nil)], "ALL_TCP": [.ports(6, destination: [PortRange(lower: 1, upper: 65535)], source: [])],
    "ALL_UDP": [.ports(17, destination: [PortRange(lower: 1, upper: 65535)], source: [])],
    "ALL_ICMP": [.icmp(.v4, type: nil, code: nil)], "ALL_ICMP6": [.icmp(.v6, type: nil, code: nil)],
  ]

  mutating func lower(_ config: FortiGateConfig) -> Ruleset {
    var tables: [Table] = []
    var zones: [FirewallZone] = []
    var translations: [AddressTranslation] = []
    for vdom in config.vdoms where vdom.name != "global" {
      tables.append(table(vdom, multiVDOM: config.multiVDOM))
      for zone in vdom.zones.values.sorted(by: { $0.line < $1.line }) {
        zones.append(
          FirewallZone(
            name: zone.name, interfaces: zone.interfaces,
            provenance: Provenance(file: file, line: zone.line, text: "system zone \(zone.name)")))
      }
      for vip in vdom.virtualIPs.values.sorted(by: { $0.line < $1.line }) {
        translations.append(
          AddressTranslation(
            kind: .destination, original: vip.external, translated: vip.mapped, interface: vip.interface,
            provenance: Provenance(file: file, line: vip.line, text: "firewall vip \(vip.name)")))
      }
    }
    return Ruleset(
      file: file, vendor: .fortigate, tables: tables, unfilteredVerdict: .deny, zones: zones,
      translations: translations, diagnostics: diagnostics)
  }

  private func implicit(_ line: Int, _ text: String) -> Provenance {
    Provenance(file: file, line: line, text: "implicit: \(text)")
  }

  private mutating func table(_ vdom: FortiGateConfig.VDOM, multiVDOM: Bool) -> Table {
    var rules: [Rule] = []
    var userChains: [Chain] = []
    let line = vdom.policyLine
    if multiVDOM {
      rules.append(
        Rule(
          matches: [.inInterface(vdom.interfaces.map { InterfacePattern(name: $0, isWildcard: false) }, negated: true)],
          action: .accept, provenance: implicit(line, "not an interface of vdom \(vdom.name)")))
    }
    rules.append(
      Rule(
        matches: [.state([.established, .related], negated: false)], action: .accept,
        provenance: implicit(line, "session table passes return traffic of accepted sessions")))
    rules.append(
      Rule(
        matches: [.state([.invalid], negated: false)], action: .drop,
        provenance: implicit(line, "a packet that starts no session is dropped")))
    for policy in vdom.policies {
      guard policy.enabled else {
        diagnostics.append(
          Diagnostic(
            .note, .fortiDisabled, "policy \(policy.id): status disable; not evaluated",
            at: SourceLocation(file: file, line: policy.line)))
        continue
      }
      lowerPolicy(policy, vdom: vdom, rules: &rules, userChains: &userChains)
    }
    for zone in vdom.zones.values.sorted(by: { $0.line < $1.line }) where zone.intrazoneAllow {
      let members = zone.interfaces.map { InterfacePattern(name: $0, isWildcard: false) }
      guard !members.isEmpty else { continue }
      rules.append(
        Rule(
          matches: [.inInterface(members, negated: false), .outInterface(members, negated: false)], action: .accept,
          provenance: Provenance(file: file, line: zone.line, text: "system zone \(zone.name): intrazone allow")))
    }
    let chain = Chain(
      name: "policy", hook: .forward, priority: 0, policy: .deny, rules: rules,
      provenance: Provenance(file: file, line: line, text: "config firewall policy"),
      implicitPolicy: "implicit deny (policy 0)")
    return Table(
      name: vdom.name, families: vdom.hasIPv6Policy ? [.v4] : [.v4, .v6], isFilter: true, chains: [chain] + userChains)
  }

  // MARK: One policy

  private mutating func lowerPolicy(
    _ policy: FortiGateConfig.Policy, vdom: FortiGateConfig.VDOM, rules: inout [Rule], userChains: inout [Chain]
  ) {
    var objects: [String] = []
    var common: [Match] = []
    let location = SourceLocation(file: file, line: policy.line)
    if let m = interfaces(policy.sourceInterfaces, input: true, vdom: vdom, policy: policy, objects: &objects) {
      common.append(m)
    }
    if let m = interfaces(policy.destinationInterfaces, input: false, vdom: vdom, policy: policy, objects: &objects) {
      common.append(m)
    }
    // A policy matches IPv4 packets when it has srcaddr and dstaddr, IPv6 packets when it has srcaddr6 and dstaddr6
    // (FortiOS 6.4+ consolidated policies); each family is its own group of rules.
    var families: [[Match]] = []
    if !policy.sourceAddresses.isEmpty && !policy.destinationAddresses.isEmpty {
      families.append(
        [.family(.v4)]
          + [
            addresses(
              policy.sourceAddresses, negated: policy.sourceNegated, source: true, v6: false, vdom: vdom,
              at: location, objects: &objects),
            addresses(
              policy.destinationAddresses, negated: policy.destinationNegated, source: false, v6: false, vdom: vdom,
              at: location, objects: &objects),
          ])
    }
    if !policy.sourceAddresses6.isEmpty && !policy.destinationAddresses6.isEmpty {
      families.append(
        [.family(.v6)]
          + [
            addresses(
              policy.sourceAddresses6, negated: policy.sourceNegated, source: true, v6: true, vdom: vdom,
              at: location, objects: &objects),
            addresses(
              policy.destinationAddresses6, negated: policy.destinationNegated, source: false, v6: true, vdom: vdom,
              at: location, objects: &objects),
          ])
    }
    if families.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, .fortiUnresolved, "policy \(policy.id) has no source and destination addresses: matches nothing",
          at: location))
    }
    for (what, _) in policy.unmodeled { common.append(.unsupported(what)) }
    let action: RuleAction
    switch policy.action {
    case .accept: action = .accept
    case .deny: action = .drop
    case .ipsec:
      action = .accept
      diagnostics.append(
        Diagnostic(
          .warning, .fortiNotModeled, "policy \(policy.id): action ipsec is evaluated as accept (tunnel not modeled)",
          at: location))
    }
    let (entries, unmodeledService) = services(policy.services, vdom: vdom, at: location, objects: &objects)
    var provenance = Provenance(
      file: file, line: policy.line, text: "firewall policy \(policy.id)" + (policy.name.map { " \"\($0)\"" } ?? ""),
      comment: policy.name)
    provenance.objects = objects
    if let unmodeledService { common.append(.unsupported(unmodeledService)) }
    for family in families {
      let matches = family + common
      if policy.servicesNegated {
        let name = "policy-\(policy.id)-service-negate-\(family.first == .family(.v6) ? "v6" : "v4")"
        var inner = entries.map { Rule(matches: $0, action: .return, provenance: provenance) }
        inner.append(Rule(matches: [], action: action, provenance: provenance))
        userChains.append(Chain(name: name, rules: inner, provenance: provenance))
        rules.append(Rule(matches: matches, action: .jump(name), provenance: provenance))
      } else {
        for entry in entries { rules.append(Rule(matches: matches + entry, action: action, provenance: provenance)) }
      }
    }
  }

  /// The interface match of `srcintf`/`dstintf`: zones expand to their members; `any` is no condition.
  private mutating func interfaces(
    _ names: [String], input: Bool, vdom: FortiGateConfig.VDOM, policy: FortiGateConfig.Policy,
    objects: inout [String]
  ) -> Match? {
    if names.isEmpty || names.contains("any") { return nil }
    var patterns: [InterfacePattern] = []
    for name in names {
      if let zone = vdom.zones[name] {
        objects.append("zone \(name)")
        patterns += zone.interfaces.map { InterfacePattern(name: $0, isWildcard: false) }
      } else {
        if !vdom.interfaces.contains(name) {
          diagnostics.append(
            Diagnostic(
              .note, .fortiUnresolved,
              "policy \(policy.id): \(input ? "srcintf" : "dstintf") '\(name)' is not a declared interface or zone; "
                + "matched as an interface name", at: SourceLocation(file: file, line: policy.line)))
        }
        patterns.append(InterfacePattern(name: name, isWildcard: false))
      }
    }
    return input ? .inInterface(patterns, negated: false) : .outInterface(patterns, negated: false)
  }

  /// The address match of `srcaddr`/`dstaddr` (or the `6` forms): groups resolved, exclusions subtracted.
  private mutating func addresses(
    _ names: [String], negated: Bool, source: Bool, v6: Bool, vdom: FortiGateConfig.VDOM,
    at location: SourceLocation, objects: inout [String]
  ) -> Match {
    var unmodeled: [String] = []
    var ranges: [AddressRange] = []
    if v6 {
      for name in names {
        ranges += resolve6(name, vdom: vdom, at: location, objects: &objects, unmodeled: &unmodeled, depth: 0)
      }
    } else {
      var set = FortiAddressSet()
      for name in names {
        set.formUnion(resolve(name, vdom: vdom, at: location, objects: &objects, unmodeled: &unmodeled, depth: 0))
      }
      ranges = set.ranges
    }
    let field = (source ? "srcaddr" : "dstaddr") + (v6 ? "6" : "")
    if !unmodeled.isEmpty { return .unsupported("\(field) \(unmodeled.joined(separator: ", "))") }
    return source ? .source(ranges, negated: negated) : .destination(ranges, negated: negated)
  }

  private mutating func resolve6(
    _ name: String, vdom: FortiGateConfig.VDOM, at location: SourceLocation, objects: inout [String],
    unmodeled: inout [String], depth: Int
  ) -> [AddressRange] {
    if let group = vdom.groups6[name], depth <= 16 {
      if depth == 0 { objects.append("addrgrp6 \(name)") }
      return group.members.flatMap {
        resolve6($0, vdom: vdom, at: location, objects: &objects, unmodeled: &unmodeled, depth: depth + 1)
      }
    }
    if let address = vdom.addresses6[name] {
      if depth == 0 { objects.append("address6 \(name)") }
      switch address.value {
      case .ranges(let ranges): return ranges
      case .unmodeled(let why):
        unmodeled.append("\(name) (\(why))")
        return []
      }
    }
    if name == "all" { return [AddressRange.all(.v6)] }
    if name == "none" { return [] }
    diagnostics.append(Diagnostic(.error, .fortiUnresolved, "address6 '\(name)' is not defined", at: location))
    unmodeled.append("\(name) (not defined)")
    return []
  }

  private mutating func resolve(
    _ name: String, vdom: FortiGateConfig.VDOM, at location: SourceLocation, objects: inout [String],
    unmodeled: inout [String], depth: Int
  ) -> FortiAddressSet {
    if depth > 16 {
      diagnostics.append(
        Diagnostic(
          .error, .fortiUnresolved, "address group nesting deeper than 16 at '\(name)' (a loop?)", at: location))
      unmodeled.append(name)
      return FortiAddressSet()
    }
    if let group = vdom.groups[name] {
      if depth == 0 { objects.append("addrgrp \(name)") }
      var set = FortiAddressSet()
      for member in group.members {
        set.formUnion(
          resolve(member, vdom: vdom, at: location, objects: &objects, unmodeled: &unmodeled, depth: depth + 1))
      }
      for member in group.excluded {
        set.subtract(
          resolve(member, vdom: vdom, at: location, objects: &objects, unmodeled: &unmodeled, depth: depth + 1))
      }
      return set
    }
    if let address = vdom.addresses[name] {
      if depth == 0 { objects.append("address \(name)") }
      switch address.value {
      case .ranges(let ranges): return FortiAddressSet(ranges)
      case .unmodeled(let why):
        unmodeled.append("\(name) (\(why))")
        return FortiAddressSet()
      }
    }
    if let vip = vdom.virtualIPs[name] {
      if depth == 0 { objects.append("vip \(name)") }
      return FortiAddressSet(vip.external)
    }
    if name == "all" { return FortiAddressSet([AddressRange.all(.v4)]) }
    if name == "none" { return FortiAddressSet() }
    diagnostics.append(
      Diagnostic(.error, .fortiUnresolved, "address '\(name)' is not defined", at: location))
    unmodeled.append("\(name) (not defined)")
    return FortiAddressSet()
  }

  /// The service entries of a policy, each as its list of matches; a reason when one cannot be stated.
  private mutating func services(
    _ names: [String], vdom: FortiGateConfig.VDOM, at location: SourceLocation, objects: inout [String]
  ) -> ([[Match]], String?) {
    var entries: [FortiGateConfig.ServiceEntry] = []
    var unmodeled: [String] = []
    func add(_ name: String, depth: Int, top: Bool) {
      if depth > 16 {
        unmodeled.append(name)
        return
      }
      if let group = vdom.serviceGroups[name] {
        if top { objects.append("service group \(name)") }
        for member in group.members { add(member, depth: depth + 1, top: false) }
      } else if let service = vdom.services[name] {
        if top { objects.append("service \(name)") }
        entries += service.entries
        if let why = service.unmodeled { unmodeled.append("\(name) (\(why))") }
      } else if let predefined = FortiGateLowering.predefinedServices[name] {
        if top { objects.append("service \(name)") }
        entries += predefined
      } else {
        diagnostics.append(Diagnostic(.error, .fortiUnresolved, "service '\(name)' is not defined", at: location))
        unmodeled.append("\(name) (not defined)")
      }
    }
    for name in names { add(name, depth: 0, top: true) }
    if names.isEmpty {
      diagnostics.append(
        Diagnostic(.warning, .fortiUnresolved, "policy without a service matches nothing", at: location))
    }
    var seen: Set<FortiGateConfig.ServiceEntry> = []
    let unique = entries.filter { seen.insert($0).inserted }
    let lowered = unique.map(Self.matches)
    return (lowered, unmodeled.isEmpty ? nil : "service \(unmodeled.joined(separator: ", "))")
  }

  static func matches(_ entry: FortiGateConfig.ServiceEntry) -> [Match] {
    switch entry {
    case .ports(let proto, let destination, let source):
      var m: [Match] = [.proto([proto], negated: false)]
      if !destination.isEmpty { m.append(.destinationPort(destination, negated: false)) }
      if !source.isEmpty { m.append(.sourcePort(source, negated: false)) }
      return m
    case .icmp(let family, let type, let code):
      return [.icmp(family, types: type.map { [$0] }, codes: code.map { [$0] }, negated: false)]
    case .ip(let proto):
      return proto.map { [.proto([$0], negated: false)] } ?? []
    }
  }
}
