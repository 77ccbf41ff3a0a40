import BulkheadModel

/// Lowers a ``JuniperSRXConfig`` into the IR: one table with one base chain, `security-policies`, on the forward
/// hook, and one user chain per zone context.
///
/// Junos semantics (Junos OS Security Policies User Guide, "Security Policies Overview", "Global Policies"):
/// 1. Traffic crosses zones: when the configuration declares zones, a packet on an interface in no zone is dropped.
///    A zone a policy names but the configuration does not declare is matched as an interface of that name
///    (reported).
/// 2. The session table passes return traffic of permitted sessions before any policy.
/// 3. The policies of the packet's context (`from-zone A to-zone B`, including A to A) in order, first match; then
///    the global policies in order (their `match from-zone`/`to-zone`, if any); then the default policy
///    (`deny-all` unless `default-policy permit-all`) as the chain policy. There is no implicit intra-zone permit.
///    Each context is a user chain the base chain jumps to for its zone pair, so a packet meets only its context's
///    policies.
/// 4. A policy matches source and destination addresses (resolved in the address books of the from- and to-zone
///    first, then the global book; global policies use the global book), `source-address-excluded` and
///    `destination-address-excluded` negating them, and applications (one IR rule per application term).
/// Conditions that are not headers (identities, dynamic applications, URL categories, schedulers) are kept as
/// unsupported conditions: assumed to hold when the policy permits, to fail when it denies.
struct JuniperSRXLowering {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  private func implicit(_ line: Int, _ text: String) -> Provenance {
    Provenance(file: file, line: line, text: "implicit: \(text)")
  }

  mutating func lower(_ config: JuniperSRXConfig) -> Ruleset {
    var zoneMembers: [String: [String]] = [:]
    for (name, zone) in config.zones { zoneMembers[name] = zone.interfaces }
    var zoneOrder = config.zoneOrder
    let declaredZones = !config.zones.isEmpty
    func noteZone(_ name: String, line: Int) {
      guard zoneMembers[name] == nil, name != "any", name != "junos-host" else { return }
      zoneMembers[name] = [name]
      zoneOrder.append(name)
      diagnostics.append(
        Diagnostic(
          .note, .srxUnresolved,
          "zone \(name) is not declared\(declaredZones ? "" : " (the configuration declares no zones)"); matched as "
            + "an interface named \(name)", at: SourceLocation(file: file, line: line)))
    }
    for context in config.contexts {
      noteZone(context.from, line: context.line)
      noteZone(context.to, line: context.line)
    }
    for policy in config.globalPolicies {
      for zone in policy.fromZones + policy.toZones { noteZone(zone, line: policy.line) }
    }

    var rules: [Rule] = []
    var userChains: [Chain] = []
    if declaredZones {
      let zoned = Set(zoneMembers.values.flatMap { $0 }).sorted().map { InterfacePattern(name: $0, isWildcard: false) }
      rules.append(
        Rule(
          matches: [.inInterface(zoned, negated: true)], action: .drop,
          provenance: implicit(0, "an interface in no security zone passes no traffic")))
      rules.append(
        Rule(
          matches: [.outInterface(zoned, negated: true)], action: .drop,
          provenance: implicit(0, "an interface in no security zone passes no traffic")))
    }
    rules.append(
      Rule(
        matches: [.state([.established, .related], negated: false)], action: .accept,
        provenance: implicit(0, "the session table passes return traffic of permitted sessions")))
    rules.append(
      Rule(
        matches: [.state([.invalid], negated: false)], action: .drop,
        provenance: implicit(0, "a packet that starts no session is dropped")))

    func patterns(_ zone: String) -> [InterfacePattern]? {
      if zone == "any" { return nil }
      return (zoneMembers[zone] ?? []).map { InterfacePattern(name: $0, isWildcard: false) }
    }
    for context in config.contexts {
      let name = "from-zone \(context.from) to-zone \(context.to)"
      var inner: [Rule] = []
      for policy in context.policies {
        inner += lowerPolicy(policy, config: config, zoneMatches: [])
      }
      var matches: [Match] = []
      if let from = patterns(context.from) { matches.append(.inInterface(from, negated: false)) }
      if let to = patterns(context.to) { matches.append(.outInterface(to, negated: false)) }
      var provenance = Provenance(file: file, line: context.line, text: "security policies \(name)")
      provenance.objects = ["zone \(context.from)", "zone \(context.to)"]
      userChains.append(Chain(name: name, rules: inner, provenance: provenance))
      rules.append(Rule(matches: matches, action: .jump(name), provenance: provenance))
    }
    for policy in config.globalPolicies {
      var zoneMatches: [Match] = []
      if !policy.fromZones.isEmpty && !policy.fromZones.contains("any") {
        zoneMatches.append(.inInterface(policy.fromZones.flatMap { patterns($0) ?? [] }, negated: false))
      }
      if !policy.toZones.isEmpty && !policy.toZones.contains("any") {
        zoneMatches.append(.outInterface(policy.toZones.flatMap { patterns($0) ?? [] }, negated: false))
      }
      rules += lowerPolicy(policy, config: config, zoneMatches: zoneMatches)
    }
    let policy: Verdict = config.defaultPolicy?.action == .permit ? .allow : .deny
    let implicitPolicy =
      config.defaultPolicy.map {
        "default-policy \($0.action == .permit ? "permit-all" : "deny-all") at \(file):\($0.line)"
      }
      ?? "default-policy deny-all"
    let chain = Chain(
      name: "security-policies", hook: .forward, priority: 0, policy: policy, rules: rules,
      provenance: Provenance(file: file, line: 0, text: "security policies"), implicitPolicy: implicitPolicy)
    var zones: [FirewallZone] = []
    for name in config.zoneOrder {
      guard let zone = config.zones[name] else { continue }
      zones.append(
        FirewallZone(
          name: name, interfaces: zone.interfaces,
          provenance: Provenance(file: file, line: zone.line, text: "security-zone \(name)")))
    }
    return Ruleset(
      file: file, vendor: .juniperSRX,
      tables: [
        Table(
          name: "security", families: [.v4, .v6], isFilter: true,
          chains: [chain] + userChains)
      ],
      unfilteredVerdict: .deny, zones: zones, translations: translations(config), diagnostics: diagnostics)
  }

  // MARK: One policy

  private mutating func lowerPolicy(
    _ policy: JuniperSRXConfig.Policy, config: JuniperSRXConfig, zoneMatches: [Match]
  ) -> [Rule] {
    let location = SourceLocation(file: file, line: policy.line)
    guard let action = policy.action else {
      diagnostics.append(
        Diagnostic(
          .error, .srxUnresolved, "policy \(policy.name) has no then permit, deny or reject; not evaluated",
          at: location))
      return []
    }
    var objects: [String] = []
    if let context = policy.context { objects += ["zone \(context.from)", "zone \(context.to)"] }
    let sourceBooks = books(for: policy.context?.from, config: config)
    let destinationBooks = books(for: policy.context?.to, config: config)
    var matches = zoneMatches
    if let m = address(
      policy.sources, excluded: policy.sourceExcluded, source: true, books: sourceBooks, at: location,
      objects: &objects, policy: policy.name)
    {
      matches.append(m)
    }
    if let m = address(
      policy.destinations, excluded: policy.destinationExcluded, source: false, books: destinationBooks,
      at: location, objects: &objects, policy: policy.name)
    {
      matches.append(m)
    }
    matches += policy.unmodeled.map { Match.unsupported($0.what) }
    let terms = applications(policy.applications, config: config, at: location, objects: &objects, policy: policy.name)
    var provenance = Provenance(
      file: file, line: policy.line,
      text: policy.context.map { "from-zone \($0.from) to-zone \($0.to) policy \(policy.name)" }
        ?? "global policy \(policy.name)",
      comment: policy.name)
    provenance.objects = objects
    let ir: RuleAction = action == .permit ? .accept : (action == .reject ? .reject : .drop)
    return terms.map { Rule(matches: matches + $0, action: ir, provenance: provenance) }
  }

  /// The address books a zone's policies resolve names in: books attached to the zone (or the zone's own), then
  /// the global book.
  private func books(for zone: String?, config: JuniperSRXConfig) -> [JuniperSRXConfig.AddressBook] {
    guard let zone else { return [config.globalBook] }
    let attached = config.books.keys.sorted().compactMap { config.books[$0] }.filter { $0.zones.contains(zone) }
    return attached + [config.globalBook]
  }

  private mutating func address(
    _ names: [String], excluded: Bool, source: Bool, books: [JuniperSRXConfig.AddressBook],
    at location: SourceLocation, objects: inout [String], policy: String
  ) -> Match? {
    if names.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, .srxUnresolved,
          "policy \(policy) has no match \(source ? "source" : "destination")-address; taken as any", at: location))
      return nil
    }
    var ranges: [AddressRange] = []
    var unmodeled: [String] = []
    for name in names {
      switch name {
      case "any":
        ranges += [AddressRange.all(.v4), AddressRange.all(.v6)]
      case "any-ipv4":
        ranges.append(AddressRange.all(.v4))
      case "any-ipv6":
        ranges.append(AddressRange.all(.v6))
      default:
        ranges += resolve(name, books: books, at: location, objects: &objects, unmodeled: &unmodeled, depth: 0)
      }
    }
    if !unmodeled.isEmpty {
      return .unsupported("\(source ? "source" : "destination")-address \(unmodeled.joined(separator: ", "))")
    }
    if !excluded && names.contains("any") { return nil }
    return source ? .source(ranges, negated: excluded) : .destination(ranges, negated: excluded)
  }

  private mutating func resolve(
    _ name: String, books: [JuniperSRXConfig.AddressBook], at location: SourceLocation, objects: inout [String],
    unmodeled: inout [String], depth: Int
  ) -> [AddressRange] {
    guard depth <= 16 else {
      diagnostics.append(
        Diagnostic(.error, .srxUnresolved, "address-set nesting deeper than 16 at '\(name)' (a loop?)", at: location))
      unmodeled.append(name)
      return []
    }
    for book in books {
      if let set = book.sets[name] {
        if depth == 0 { objects.append("address-set \(name)") }
        return set.members.flatMap {
          resolve($0, books: books, at: location, objects: &objects, unmodeled: &unmodeled, depth: depth + 1)
        }
      }
      if let address = book.addresses[name] {
        if depth == 0 { objects.append("address \(name)") }
        switch address.value {
        case .ranges(let ranges): return ranges
        case .unmodeled(let why):
          unmodeled.append("\(name) (\(why))")
          return []
        }
      }
    }
    diagnostics.append(Diagnostic(.error, .srxUnresolved, "address '\(name)' is not defined", at: location))
    unmodeled.append("\(name) (not defined)")
    return []
  }

  /// The matches of a policy's applications, one list per term.
  private mutating func applications(
    _ names: [String], config: JuniperSRXConfig, at location: SourceLocation, objects: inout [String],
    policy: String
  ) -> [[Match]] {
    if names.isEmpty {
      diagnostics.append(
        Diagnostic(.warning, .srxUnresolved, "policy \(policy) has no match application; taken as any", at: location))
      return [[]]
    }
    if names.contains("any") { return [[]] }
    var terms: [JuniperSRXConfig.Term] = []
    var unmodeled: [String] = []
    func add(_ name: String, depth: Int) {
      guard depth <= 16 else {
        unmodeled.append(name)
        return
      }
      if let set = config.applicationSets[name] {
        if depth == 0 { objects.append("application-set \(name)") }
        for member in set.members { add(member, depth: depth + 1) }
      } else if let application = config.applications[name] {
        if depth == 0 { objects.append("application \(name)") }
        terms += application.terms
      } else if let predefined = JunosApplications.predefined[name] {
        if depth == 0 { objects.append("application \(name)") }
        terms += predefined
      } else if name.hasPrefix("junos-") {
        if depth == 0 { objects.append("application \(name)") }
        diagnostics.append(
          Diagnostic(
            .warning, .srxNotModeled,
            "predefined application \(name) is not in Bulkhead's table of junos-defaults; not exact", at: location))
        unmodeled.append("\(name) (predefined, not known)")
      } else {
        diagnostics.append(Diagnostic(.error, .srxUnresolved, "application '\(name)' is not defined", at: location))
        unmodeled.append("\(name) (not defined)")
      }
    }
    for name in names { add(name, depth: 0) }
    var seen: Set<JuniperSRXConfig.Term> = []
    var lowered: [[Match]] = []
    for term in terms where seen.insert(term).inserted {
      if let why = term.unmodeled {
        lowered.append(Self.matches(term) + [.unsupported("application term \(why)")])
      } else if term.proto == nil && !term.destination.isEmpty {
        continue
      } else {
        lowered.append(Self.matches(term))
      }
    }
    if !unmodeled.isEmpty { lowered.append([.unsupported("application \(unmodeled.joined(separator: ", "))")]) }
    return lowered
  }

  static func matches(_ term: JuniperSRXConfig.Term) -> [Match] {
    guard let proto = term.proto else { return [] }
    if proto == 1 || proto == 58 {
      return [
        .icmp(
          proto == 1 ? .v4 : .v6, types: term.icmpType.map { [$0] }, codes: term.icmpCode.map { [$0] },
          negated: false)
      ]
    }
    var m: [Match] = [.proto([proto], negated: false)]
    if !term.destination.isEmpty { m.append(.destinationPort(term.destination, negated: false)) }
    if !term.source.isEmpty { m.append(.sourcePort(term.source, negated: false)) }
    return m
  }

  // MARK: NAT

  private mutating func translations(_ config: JuniperSRXConfig) -> [AddressTranslation] {
    config.nat.map { rule in
      func ranges(_ names: [String]) -> [AddressRange] {
        names.compactMap { name in
          if let network = IPNetwork(name) { return AddressRange(network) }
          if let dash = name.firstIndex(of: "-"), let a = IPNetwork(String(name[..<dash])),
            let b = IPNetwork(String(name[name.index(after: dash)...]))
          {
            return AddressRange(first: a.first, last: b.last)
          }
          return config.globalBook.addresses[name].flatMap {
            if case .ranges(let r) = $0.value { return r.first }
            return nil
          }
        }
      }
      let original = ranges(rule.kind == .destination ? rule.destinations : rule.sources)
      let translated = ranges(rule.translated)
      diagnostics.append(
        Diagnostic(
          rule.kind == .destination ? .warning : .note, .translationNotModeled,
          "\(rule.description): \(rule.kind == .destination ? "destination" : "source") NAT to "
            + "\(rule.translated.isEmpty ? "the interface address" : rule.translated.joined(separator: ","))"
            + "; recorded, not applied (security policies match the "
            + (rule.kind == .destination ? "translated destination: give the translated address" : "original source")
            + ")", at: SourceLocation(file: file, line: rule.line)))
      return AddressTranslation(
        kind: rule.kind, original: original, translated: translated,
        provenance: Provenance(file: file, line: rule.line, text: rule.description))
    }
  }
}
