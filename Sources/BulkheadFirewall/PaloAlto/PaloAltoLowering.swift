import BulkheadModel

/// Lowers a ``PaloAltoConfig`` into the IR: per virtual system one table with one base chain, `security`, on the
/// forward hook.
///
/// PAN-OS semantics (PAN-OS Administrator's Guide, "Security Policy", "Panorama: Device Group Policies"):
/// 1. With several vsys, a vsys's chain first passes packets that do not enter by one of its interfaces.
/// 2. Traffic enters and leaves through zones: when the configuration declares zones, a packet on an interface in
///    no zone is dropped. A zone a rule names but the configuration does not declare is matched as an interface of
///    that name (reported), so a rendering that binds rules to zone names alone still reads.
/// 3. The session table passes return traffic of allowed sessions before any rule (as FortiGate's and SRX's do).
/// 4. Rules in order, first match: shared pre-rules, device-group pre-rules (from the top of the device-group tree
///    down), pre-rules received from Panorama, the vsys's own rules, then the post-rules in the reverse nesting,
///    shared post-rules last. A disabled rule is skipped. A rule matches zones (`from`/`to`, `rule-type`), addresses
///    (with `negate-source`/`negate-destination`), services and applications; one IR rule per service entry.
/// 5. The default rules: `intrazone-default` (allow unless overridden) as one rule per zone, then
///    `interzone-default` (deny unless overridden) as the chain policy.
/// Applications: App-ID identifies traffic from its content, which is not packet space. An application-override
/// rule gives the traffic it matches an application by packet headers alone, so that part is exact; for the rest a
/// rule naming applications is evaluated on their ports (`application-default`: the applications' standard ports)
/// with the identification kept as an unsupported condition: assumed to hold when the rule allows, to fail when it
/// denies, so the computed allowed set may be larger than the real one, never smaller.
struct PaloAltoLowering {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Set when the configuration holds several Panorama device groups whose rules would apply to different
  /// firewalls: the file is then refused rather than one of them guessed.
  var refused = false

  init(file: String) {
    self.file = file
  }

  /// The objects a rule may name, in lookup order.
  private typealias Namespaces = [PaloAltoConfig.Namespace]

  private struct Ordered {
    var rule: PaloAltoConfig.SecurityRule
    var namespaces: Namespaces
  }

  mutating func lower(_ config: PaloAltoConfig) -> Ruleset {
    var vsysNames = config.vsysOrder
    let chain = deviceGroupChain(config)
    let panoramaRules =
      !config.sharedPre.security.isEmpty || !config.sharedPost.security.isEmpty
      || !config.panoramaPre.security.isEmpty || !config.panoramaPost.security.isEmpty
      || chain.contains { !$0.pre.security.isEmpty || !$0.post.security.isEmpty }
    var config = config
    if vsysNames.isEmpty && panoramaRules {
      config.vsys["vsys1"] = PaloAltoConfig.Vsys(name: "vsys1", line: 0)
      vsysNames = ["vsys1"]
    }
    var tables: [Table] = []
    var zones: [FirewallZone] = []
    var translations: [AddressTranslation] = []
    for name in vsysNames {
      guard let vsys = config.vsys[name] else { continue }
      let (table, natRecords) = self.table(vsys, config: config, deviceGroups: chain, multiVsys: vsysNames.count > 1)
      tables.append(table)
      translations += natRecords
      for zoneName in vsys.zoneOrder {
        guard let zone = vsys.zones[zoneName] else { continue }
        zones.append(
          FirewallZone(
            name: zone.name, interfaces: zone.interfaces,
            provenance: Provenance(file: file, line: zone.line, text: "zone \(zone.name)")))
      }
    }
    return Ruleset(
      file: file, vendor: .paloalto, tables: tables, unfilteredVerdict: .deny, zones: zones,
      translations: translations, diagnostics: diagnostics)
  }

  /// The device groups whose rules apply, from the top of the tree down to the one leaf that has rules.
  private mutating func deviceGroupChain(_ config: PaloAltoConfig) -> [PaloAltoConfig.DeviceGroup] {
    func ancestry(_ name: String) -> [PaloAltoConfig.DeviceGroup] {
      var chain: [PaloAltoConfig.DeviceGroup] = []
      var seen: Set<String> = []
      var current: String? = name
      while let next = current, let group = config.deviceGroups[next] {
        guard seen.insert(next).inserted else {
          diagnostics.append(
            Diagnostic(
              .error, .panUnresolved, "device-group \(name): its parent-dg chain loops at \(next)",
              at: SourceLocation(file: file, line: group.line)))
          break
        }
        chain.insert(group, at: 0)
        current = group.parent
        if let parent = group.parent, config.deviceGroups[parent] == nil {
          diagnostics.append(
            Diagnostic(
              .warning, .panUnresolved, "device-group \(next): parent-dg \(parent) is not defined",
              at: SourceLocation(file: file, line: group.line)))
        }
      }
      return chain
    }
    let parents = Set(config.deviceGroups.values.compactMap(\.parent))
    let leaves = config.deviceGroupOrder.filter { !parents.contains($0) }
    let withRules = leaves.filter { leaf in
      ancestry(leaf).contains { !$0.pre.security.isEmpty || !$0.post.security.isEmpty }
    }
    if withRules.count > 1 {
      refused = true
      diagnostics.append(
        Diagnostic(
          .error, .failClosed,
          "this Panorama configuration holds device groups \(withRules.joined(separator: ", ")), whose rules apply "
            + "to different firewalls; Bulkhead evaluates one firewall per file: give the firewall's own "
            + "configuration or one device group (fail closed)",
          at: SourceLocation(file: file, line: config.deviceGroups[withRules[0]]?.line ?? 0)))
      return []
    }
    guard let leaf = withRules.first else { return [] }
    return ancestry(leaf)
  }

  private func implicit(_ line: Int, _ text: String) -> Provenance {
    Provenance(file: file, line: line, text: "implicit: \(text)")
  }

  // MARK: One vsys

  private mutating func table(
    _ vsys: PaloAltoConfig.Vsys, config: PaloAltoConfig, deviceGroups: [PaloAltoConfig.DeviceGroup],
    multiVsys: Bool
  ) -> (Table, [AddressTranslation]) {
    let local: Namespaces = [vsys.objects, config.shared]
    let groupSpaces: Namespaces = deviceGroups.reversed().map(\.objects) + [config.shared]
    var ordered: [Ordered] = []
    var overrides: [(PaloAltoConfig.OverrideRule, Namespaces)] = []
    var nat: [(PaloAltoConfig.NATRule, Namespaces)] = []
    func take(_ rulebase: PaloAltoConfig.Rulebase, _ spaces: Namespaces) {
      ordered += rulebase.security.map { Ordered(rule: $0, namespaces: spaces) }
      overrides += rulebase.overrides.map { ($0, spaces) }
      nat += rulebase.nat.map { ($0, spaces) }
    }
    take(config.sharedPre, [config.shared])
    for group in deviceGroups { take(group.pre, groupSpaces) }
    take(config.panoramaPre, [config.panorama] + local)
    take(vsys.rulebase, local)
    take(config.panoramaPost, [config.panorama] + local)
    for group in deviceGroups.reversed() { take(group.post, groupSpaces) }
    take(config.sharedPost, [config.shared])

    // Zones: declared ones, then names rules use without declaring them (matched as interface names).
    var zoneMembers: [String: [String]] = [:]
    for (name, zone) in vsys.zones { zoneMembers[name] = zone.interfaces }
    var zoneOrder = vsys.zoneOrder
    let declaredZones = !vsys.zones.isEmpty
    func noteZone(_ name: String, line: Int) {
      guard name != "any", zoneMembers[name] == nil else { return }
      zoneMembers[name] = [name]
      zoneOrder.append(name)
      diagnostics.append(
        Diagnostic(
          .note, .panUnresolved,
          "zone \(name) is not declared\(declaredZones ? "" : " (the configuration declares no zones)"); matched as "
            + "an interface named \(name)", at: SourceLocation(file: file, line: line)))
    }
    for entry in ordered { for zone in entry.rule.from + entry.rule.to { noteZone(zone, line: entry.rule.line) } }
    for (rule, _) in overrides { for zone in rule.from + rule.to { noteZone(zone, line: rule.line) } }

    var rules: [Rule] = []
    var userChains: [Chain] = []
    let line = vsys.line
    if multiVsys {
      let own = Set(vsys.importedInterfaces + vsys.zones.values.flatMap(\.interfaces)).sorted()
      rules.append(
        Rule(
          matches: [.inInterface(own.map { InterfacePattern(name: $0, isWildcard: false) }, negated: true)],
          action: .accept, provenance: implicit(line, "not an interface of vsys \(vsys.name)")))
    }
    if declaredZones {
      let zoned = Set(zoneMembers.values.flatMap { $0 }).sorted().map { InterfacePattern(name: $0, isWildcard: false) }
      rules.append(
        Rule(
          matches: [.inInterface(zoned, negated: true)], action: .drop,
          provenance: implicit(line, "an interface in no zone passes no traffic")))
      rules.append(
        Rule(
          matches: [.outInterface(zoned, negated: true)], action: .drop,
          provenance: implicit(line, "an interface in no zone passes no traffic")))
    }
    rules.append(
      Rule(
        matches: [.state([.established, .related], negated: false)], action: .accept,
        provenance: implicit(line, "the session table passes return traffic of allowed sessions")))
    rules.append(
      Rule(
        matches: [.state([.invalid], negated: false)], action: .drop,
        provenance: implicit(line, "a packet that starts no session is dropped")))

    let context = Context(zoneMembers: zoneMembers, zoneOrder: zoneOrder, overrides: overrides)
    for entry in ordered {
      lowerRule(entry, context: context, rules: &rules, userChains: &userChains)
    }

    // The default rules; an override in the vsys wins over a device group's, which wins over shared.
    let defaults =
      [vsys.rulebase] + deviceGroups.reversed().flatMap { [$0.post, $0.pre] } + [
        config.sharedPost, config.sharedPre, config.panoramaPost, config.panoramaPre,
      ]
    let intrazone = defaults.lazy.compactMap(\.intrazoneDefault).first
    let interzone = defaults.lazy.compactMap(\.interzoneDefault).first
    let intrazoneAction: RuleAction = (intrazone.map { $0.action == .allow } ?? true) ? .accept : .drop
    for zone in zoneOrder {
      let members = (zoneMembers[zone] ?? []).map { InterfacePattern(name: $0, isWildcard: false) }
      guard !members.isEmpty else { continue }
      let text =
        intrazone.map { "default rule intrazone-default (action \($0.action.rawValue)): zone \(zone)" }
        ?? "implicit: intrazone-default allows traffic within zone \(zone)"
      var provenance = Provenance(
        file: file, line: intrazone?.line ?? vsys.zones[zone]?.line ?? line, text: text)
      provenance.objects = ["zone \(zone)"]
      rules.append(
        Rule(
          matches: [.inInterface(members, negated: false), .outInterface(members, negated: false)],
          action: intrazoneAction, provenance: provenance))
    }
    let policy: Verdict = interzone.map { $0.action == .allow ? .allow : .deny } ?? .deny
    let implicitPolicy =
      interzone.map { "default rule interzone-default (action \($0.action.rawValue)) at \(file):\($0.line)" }
      ?? "interzone-default (deny)"
    let chain = Chain(
      name: "security", hook: .forward, priority: 0, policy: policy, rules: rules,
      provenance: Provenance(file: file, line: line, text: "rulebase security (vsys \(vsys.name))"),
      implicitPolicy: implicitPolicy)
    let table = Table(name: vsys.name, families: [.v4, .v6], isFilter: true, chains: [chain] + userChains)
    return (table, translations(nat))
  }

  private struct Context {
    var zoneMembers: [String: [String]]
    var zoneOrder: [String]
    var overrides: [(PaloAltoConfig.OverrideRule, Namespaces)]
  }

  // MARK: One rule

  private mutating func lowerRule(
    _ entry: Ordered, context: Context, rules: inout [Rule], userChains: inout [Chain]
  ) {
    let rule = entry.rule
    let location = SourceLocation(file: file, line: rule.line)
    guard !rule.disabled else {
      diagnostics.append(
        Diagnostic(.note, .panDisabled, "rule \(rule.name): disabled yes; not evaluated", at: location))
      return
    }
    let action: RuleAction
    switch rule.action {
    case .allow: action = .accept
    case .deny, .drop, .resetClient, .resetServer, .resetBoth: action = .drop
    case nil:
      action = .accept
      diagnostics.append(
        Diagnostic(
          .warning, .panUnresolved, "rule \(rule.name) writes no action; evaluated as PAN-OS's default, allow",
          at: location))
    }
    var objects: [String] = []
    var common: [[Match]] = []
    for (from, to) in zonePairs(rule, context: context, objects: &objects) {
      var m: [Match] = []
      if let from { m.append(.inInterface(from, negated: false)) }
      if let to { m.append(.outInterface(to, negated: false)) }
      common.append(m)
    }
    let addresses = [
      address(
        rule.source, negated: rule.negateSource, source: true, spaces: entry.namespaces, at: location,
        objects: &objects, rule: rule.name),
      address(
        rule.destination, negated: rule.negateDestination, source: false, spaces: entry.namespaces,
        at: location, objects: &objects, rule: rule.name),
    ].compactMap { $0 }
    let conditions = addresses + rule.unmodeled.map { Match.unsupported($0.what) }
    let applications = rule.applications.isEmpty ? ["any"] : rule.applications
    if rule.applications.isEmpty {
      diagnostics.append(
        Diagnostic(.warning, .panUnresolved, "rule \(rule.name) names no application; taken as any", at: location))
    }
    let services = rule.services.isEmpty ? ["any"] : rule.services
    if rule.services.isEmpty {
      diagnostics.append(
        Diagnostic(.warning, .panUnresolved, "rule \(rule.name) names no service; taken as any", at: location))
    }
    let apps = applicationNames(applications, spaces: entry.namespaces, at: location, objects: &objects)
    let explicit =
      services == ["any"] || services == ["application-default"]
      ? nil : serviceMatches(services, spaces: entry.namespaces, at: location, objects: &objects)
    var provenance = Provenance(
      file: file, line: rule.line,
      text: "security rule \(rule.name)" + (rule.origin.hasPrefix("vsys") ? "" : " (\(rule.origin))"),
      comment: rule.name)
    provenance.objects = objects
    if services == ["application-default"] && apps == nil {
      diagnostics.append(
        Diagnostic(
          .warning, .panApplication,
          "rule \(rule.name): service application-default with application any is each application on its own "
            + "standard ports (App-ID): evaluated on every port, identification assumed", at: location))
    }
    func emit(_ matches: [Match], _ action: RuleAction) {
      for zones in common { rules.append(Rule(matches: zones + matches, action: action, provenance: provenance)) }
    }
    guard let apps else {
      // application any: the rule is packet space (application-default then needs App-ID: assumed).
      let entries: [[Match]] =
        services == ["application-default"]
        ? [[.unsupported("application-default ports of any application (App-ID)")]] : (explicit ?? [[]])
      for service in entries { emit(conditions + service, action) }
      return
    }
    let identification = Match.unsupported(
      "application \(apps.map(\.name).joined(separator: ", ")) (App-ID identifies it from the traffic)")
    diagnostics.append(
      Diagnostic(
        .note, .panApplication,
        "rule \(rule.name) is restricted to application \(apps.map(\.name).joined(separator: ", ")): evaluated on "
          + (services == ["application-default"] ? "their standard ports" : "its services")
          + ", App-ID identification assumed to \(action == .accept ? "hold" : "fail")", at: location))
    // Traffic the application-override rules name has its application without App-ID: exact.
    var fallback: [[Match]] = []
    if services == ["application-default"] {
      for app in apps { fallback += app.defaults.map { $0 + [identification] } }
    } else {
      fallback = (explicit ?? [[]]).map { $0 + [identification] }
    }
    let overrides = context.overrides.filter { !$0.0.disabled }
    if overrides.isEmpty {
      for service in fallback { emit(conditions + service, action) }
      return
    }
    let chainName = "rule \(rule.name) applications"
    var inner: [Rule] = []
    let names = Set(apps.map(\.name))
    for (override, spaces) in overrides {
      guard let matches = overrideMatches(override, spaces: spaces, context: context) else { continue }
      var overrideProvenance = Provenance(
        file: file, line: override.line,
        text: "application-override rule \(override.name) (application \(override.application ?? "?"))")
      overrideProvenance.objects = provenance.objects
      for zoneMatch in matches {
        if let app = override.application, names.contains(app) {
          if let explicit {
            for service in explicit {
              inner.append(Rule(matches: zoneMatch + service, action: action, provenance: provenance))
            }
            inner.append(Rule(matches: zoneMatch, action: .return, provenance: overrideProvenance))
          } else {
            // With application-default, an overridden application passes on the ports its override names
            // (lab-validation panos_fw_policy_app_override: tcp/9100 overridden to a custom application without
            // ports passes a rule with service application-default).
            inner.append(Rule(matches: zoneMatch, action: action, provenance: provenance))
          }
        } else {
          inner.append(Rule(matches: zoneMatch, action: .return, provenance: overrideProvenance))
        }
      }
    }
    inner += fallback.map { Rule(matches: $0, action: action, provenance: provenance) }
    userChains.append(Chain(name: chainName, rules: inner, provenance: provenance))
    emit(conditions, .jump(chainName))
  }

  /// The interface matches of a rule's zones: `nil` for `any`; one pair per zone for intrazone rules, per ordered
  /// pair of different zones for interzone rules.
  private mutating func zonePairs(
    _ rule: PaloAltoConfig.SecurityRule, context: Context, objects: inout [String]
  ) -> [([InterfacePattern]?, [InterfacePattern]?)] {
    func members(_ names: [String]) -> [InterfacePattern]? {
      if names.isEmpty || names.contains("any") { return nil }
      for name in names { objects.append("zone \(name)") }
      return names.flatMap { context.zoneMembers[$0] ?? [] }.map { InterfacePattern(name: $0, isWildcard: false) }
    }
    func expand(_ names: [String]) -> [String] {
      names.isEmpty || names.contains("any") ? context.zoneOrder : names
    }
    switch rule.ruleType {
    case .universal:
      return [(members(rule.from), members(rule.to))]
    case .intrazone:
      let from = Set(expand(rule.from))
      let zones = expand(rule.to).filter { from.contains($0) }
      return zones.compactMap { zone in members([zone]).map { ($0, $0) } }
    case .interzone:
      var pairs: [([InterfacePattern]?, [InterfacePattern]?)] = []
      for from in expand(rule.from) {
        for to in expand(rule.to) where to != from {
          pairs.append((members([from]), members([to])))
        }
      }
      return pairs
    }
  }

  /// The matches of an application-override rule (one list per zone pair), or `nil` when it cannot match.
  private mutating func overrideMatches(
    _ rule: PaloAltoConfig.OverrideRule, spaces: Namespaces, context: Context
  ) -> [[Match]]? {
    let location = SourceLocation(file: file, line: rule.line)
    guard let proto = rule.proto, !rule.ports.isEmpty else {
      diagnostics.append(
        Diagnostic(
          .warning, .panUnresolved, "application-override rule \(rule.name) has no protocol or port; matches nothing",
          at: location))
      return nil
    }
    var objects: [String] = []
    var security = PaloAltoConfig.SecurityRule(name: rule.name, line: rule.line)
    security.from = rule.from
    security.to = rule.to
    let pairs = zonePairs(security, context: context, objects: &objects)
    var matches: [Match] = []
    if let m = address(
      rule.source, negated: rule.negateSource, source: true, spaces: spaces, at: location, objects: &objects,
      rule: rule.name)
    {
      matches.append(m)
    }
    if let m = address(
      rule.destination, negated: rule.negateDestination, source: false, spaces: spaces, at: location,
      objects: &objects, rule: rule.name)
    {
      matches.append(m)
    }
    matches += [.proto([proto], negated: false), .destinationPort(rule.ports, negated: false)]
    return pairs.map { pair in
      var m: [Match] = []
      if let from = pair.0 { m.append(.inInterface(from, negated: false)) }
      if let to = pair.1 { m.append(.outInterface(to, negated: false)) }
      return m + matches
    }
  }

  // MARK: Objects

  /// The address match of a rule's `source` or `destination`: `nil` for `any`.
  private mutating func address(
    _ names: [String], negated: Bool, source: Bool, spaces: Namespaces, at location: SourceLocation,
    objects: inout [String], rule: String
  ) -> Match? {
    if names.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, .panUnresolved, "rule \(rule) names no \(source ? "source" : "destination"); taken as any",
          at: location))
      return nil
    }
    if names.contains("any") {
      return negated ? (source ? .source([], negated: false) : .destination([], negated: false)) : nil
    }
    var ranges: [AddressRange] = []
    var unmodeled: [String] = []
    for name in names {
      ranges += resolveAddress(name, spaces: spaces, at: location, objects: &objects, unmodeled: &unmodeled, depth: 0)
    }
    if !unmodeled.isEmpty {
      return .unsupported("\(source ? "source" : "destination") \(unmodeled.joined(separator: ", "))")
    }
    return source ? .source(ranges, negated: negated) : .destination(ranges, negated: negated)
  }

  private mutating func resolveAddress(
    _ name: String, spaces: Namespaces, at location: SourceLocation, objects: inout [String],
    unmodeled: inout [String], depth: Int
  ) -> [AddressRange] {
    guard depth <= 16 else {
      diagnostics.append(
        Diagnostic(.error, .panUnresolved, "address-group nesting deeper than 16 at '\(name)' (a loop?)", at: location))
      unmodeled.append(name)
      return []
    }
    for space in spaces {
      if let group = space.addressGroups[name] {
        if depth == 0 { objects.append("address-group \(name)") }
        if let filter = group.dynamicFilter {
          unmodeled.append("\(name) (dynamic: \(filter))")
          return []
        }
        return group.members.flatMap {
          resolveAddress($0, spaces: spaces, at: location, objects: &objects, unmodeled: &unmodeled, depth: depth + 1)
        }
      }
      if let address = space.addresses[name] {
        if depth == 0 { objects.append("address \(name)") }
        switch address.value {
        case .ranges(let ranges): return ranges
        case .unmodeled(let why):
          unmodeled.append("\(name) (\(why))")
          return []
        }
      }
      if let other = space.unmodeledNames[name] {
        if depth == 0 { objects.append("\(other.what.split(separator: " ").first ?? "") \(name)") }
        unmodeled.append("\(name) (\(other.what))")
        return []
      }
    }
    if let literal = PaloAltoValues.addressRange(name) { return [literal] }
    diagnostics.append(Diagnostic(.error, .panUnresolved, "address '\(name)' is not defined", at: location))
    unmodeled.append("\(name) (not defined)")
    return []
  }

  /// The service entries of explicit services, each as its list of matches.
  private mutating func serviceMatches(
    _ names: [String], spaces: Namespaces, at location: SourceLocation, objects: inout [String]
  ) -> [[Match]] {
    var entries: [PaloAltoConfig.ServiceEntry] = []
    var unmodeled: [String] = []
    func add(_ name: String, depth: Int) {
      guard depth <= 16 else {
        unmodeled.append(name)
        return
      }
      for space in spaces {
        if let group = space.serviceGroups[name] {
          if depth == 0 { objects.append("service-group \(name)") }
          for member in group.members { add(member, depth: depth + 1) }
          return
        }
        if let service = space.services[name] {
          if depth == 0 { objects.append("service \(name)") }
          entries += service.entries
          return
        }
      }
      if let predefined = PaloAltoApplications.services[name] {
        if depth == 0 { objects.append("service \(name)") }
        entries += predefined
        return
      }
      if name == "any" || name == "application-default" {
        diagnostics.append(
          Diagnostic(
            .warning, .panUnresolved, "service '\(name)' listed with other services; taken as any", at: location))
        entries.append(PaloAltoConfig.ServiceEntry(proto: 0, destination: [], source: []))
        return
      }
      diagnostics.append(Diagnostic(.error, .panUnresolved, "service '\(name)' is not defined", at: location))
      unmodeled.append("\(name) (not defined)")
    }
    for name in names { add(name, depth: 0) }
    var seen: Set<PaloAltoConfig.ServiceEntry> = []
    var lowered: [[Match]] = entries.filter { seen.insert($0).inserted }.map(Self.matches)
    if !unmodeled.isEmpty { lowered.append([.unsupported("service \(unmodeled.joined(separator: ", "))")]) }
    return lowered
  }

  static func matches(_ entry: PaloAltoConfig.ServiceEntry) -> [Match] {
    guard entry.proto != 0 else { return [] }
    var m: [Match] = [.proto([entry.proto], negated: false)]
    if !entry.destination.isEmpty { m.append(.destinationPort(entry.destination, negated: false)) }
    if !entry.source.isEmpty { m.append(.sourcePort(entry.source, negated: false)) }
    return m
  }

  /// An application a rule names, with the matches of its standard ports (`application-default`).
  private struct NamedApplication {
    var name: String
    var defaults: [[Match]]
  }

  /// The applications a rule names (groups expanded), or `nil` for `any`.
  private mutating func applicationNames(
    _ names: [String], spaces: Namespaces, at location: SourceLocation, objects: inout [String]
  ) -> [NamedApplication]? {
    if names.contains("any") { return nil }
    var found: [NamedApplication] = []
    func add(_ name: String, depth: Int) {
      guard depth <= 16 else { return }
      for space in spaces {
        if let group = space.applicationGroups[name] {
          if depth == 0 { objects.append("application-group \(name)") }
          for member in group.members { add(member, depth: depth + 1) }
          return
        }
        if let app = space.applications[name] {
          if depth == 0 { objects.append("application \(name)") }
          var defaults = app.defaultPorts.map(Self.matches)
          if let proto = app.defaultProtocol { defaults.append([.proto([proto], negated: false)]) }
          for icmp in app.defaultICMP {
            defaults.append([
              .icmp(
                icmp.v6 ? .v6 : .v4, types: icmp.type.map { [$0] }, codes: icmp.code.map { [$0] }, negated: false)
            ])
          }
          // A custom application without signatures is identified only by an application-override rule; with
          // signatures and no ports, App-ID may find it on any port.
          if defaults.isEmpty && app.hasSignature { defaults = [[]] }
          found.append(NamedApplication(name: name, defaults: defaults))
          return
        }
        if let other = space.unmodeledNames[name] {
          if depth == 0 { objects.append("application-filter \(name)") }
          _ = other
          found.append(NamedApplication(name: name, defaults: [[]]))
          return
        }
      }
      if depth == 0 { objects.append("application \(name)") }
      if let defaults = PaloAltoApplications.defaults[name] {
        found.append(NamedApplication(name: name, defaults: defaults.map(Self.matches)))
      } else {
        found.append(NamedApplication(name: name, defaults: [[]]))
      }
    }
    for name in names { add(name, depth: 0) }
    return found
  }

  static func matches(_ standard: PaloAltoApplications.Default) -> [Match] {
    switch standard {
    case .ports(let proto, let ports): [.proto([proto], negated: false), .destinationPort(ports, negated: false)]
    case .icmp(let v6, let types): [.icmp(v6 ? .v6 : .v4, types: types, codes: nil, negated: false)]
    case .ip(let proto): [.proto([proto], negated: false)]
    }
  }

  // MARK: NAT

  private mutating func translations(_ rules: [(PaloAltoConfig.NATRule, Namespaces)]) -> [AddressTranslation] {
    var records: [AddressTranslation] = []
    for (rule, spaces) in rules {
      let location = SourceLocation(file: file, line: rule.line)
      guard !rule.disabled else {
        diagnostics.append(
          Diagnostic(.note, .translationNotModeled, "nat rule \(rule.name): disabled yes; not recorded", at: location))
        continue
      }
      var objects: [String] = []
      func ranges(_ names: [String]) -> [AddressRange] {
        var unmodeled: [String] = []
        return names.filter { $0 != "any" && $0 != "interface-address" }.flatMap {
          resolveAddress($0, spaces: spaces, at: location, objects: &objects, unmodeled: &unmodeled, depth: 0)
        }
      }
      let zones = "from \(rule.from.joined(separator: ",")) to \(rule.to.joined(separator: ","))"
      if let translated = rule.destinationTranslation {
        let original = ranges(rule.destination)
        let to = ranges(translated)
        var provenance = Provenance(file: file, line: rule.line, text: "nat rule \(rule.name) (\(zones))")
        provenance.objects = objects
        records.append(
          AddressTranslation(kind: .destination, original: original, translated: to, provenance: provenance))
        diagnostics.append(
          Diagnostic(
            .warning, .translationNotModeled,
            "nat rule \(rule.name) translates destination \(original.isEmpty ? "any" : original.map(\.description).joined(separator: ",")) to "
              + "\(to.map(\.description).joined(separator: ","))\(rule.translatedPort.map { " port \($0)" } ?? ""); "
              + "recorded, not applied: security rules match the original destination, as PAN-OS does, and the "
              + "zone of the translated address (give the egress interface towards it)", at: location))
      }
      if let translated = rule.sourceTranslation {
        let original = ranges(rule.source)
        let to = ranges(translated)
        var provenance = Provenance(file: file, line: rule.line, text: "nat rule \(rule.name) (\(zones))")
        provenance.objects = objects
        records.append(AddressTranslation(kind: .source, original: original, translated: to, provenance: provenance))
        diagnostics.append(
          Diagnostic(
            .note, .translationNotModeled,
            "nat rule \(rule.name): source translation (\(rule.sourceTranslationKind)) to "
              + "\(translated.joined(separator: ",")); security rules match the original source, as PAN-OS does",
            at: location))
      }
      if rule.destinationTranslation == nil && rule.sourceTranslation == nil {
        diagnostics.append(
          Diagnostic(.note, .translationNotModeled, "nat rule \(rule.name) translates nothing", at: location))
      }
    }
    return records
  }
}
