import BulkheadModel

/// Lowers a ``CiscoIOSConfig`` into the IR. A router forwards what no filter stops (`unfilteredVerdict` allow);
/// its filters are stateless access lists on interfaces and, where interfaces are zone members, the zone-based
/// firewall (Cisco IOS Security Configuration Guide, "IP Access List Overview", "Zone-Based Policy Firewall"):
/// * table `ip` (IPv4) and `ipv6`: per interface and direction with an access group, a base chain on the forward
///   hook, inbound ones before the zone firewall, outbound ones after it: packets of other interfaces pass it, the
///   others go to the access list, whose end is the implicit deny. An access group naming a list that does not
///   exist (or has no entries) filters nothing, as IOS does. Every list is also a user chain of its own name.
/// * table `zone-based firewall` (IPv4 and IPv6): traffic between two interfaces in no zone passes; the inspect
///   session table passes return traffic; interfaces of one zone exchange traffic freely (unless an intrazone zone
///   pair says otherwise); a zone pair's policy map decides traffic from its source to its destination zone (class
///   by class, `inspect` and `pass` accept, `drop` drops, `class-default` drops unless told otherwise); everything
///   else involving a zone member is dropped.
/// `established` matches TCP segments that do not open a connection (state established or invalid: the ACK or RST
/// bit is set); a reflexive `evaluate NAME` passes return traffic (state established) of the sessions the
/// `reflect NAME` entries permitted, their addresses and ports mirrored.
struct CiscoIOSLowering {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// The mirrored matches of every `reflect NAME` entry, by name.
  private var reflected: [String: [(matches: [Match], provenance: Provenance)]] = [:]

  init(file: String) {
    self.file = file
  }

  func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  func implicit(_ line: Int, _ text: String) -> Provenance {
    Provenance(file: file, line: line, text: "implicit: \(text)")
  }

  static func patterns(_ names: [String]) -> [InterfacePattern] {
    names.map { InterfacePattern(name: $0, isWildcard: false) }
  }

  mutating func lower(_ config: CiscoIOSConfig) -> Ruleset {
    // Reflexive entries first: an `evaluate` may come before the list that reflects.
    for name in config.aclOrder {
      guard let list = config.accessLists[name] else { continue }
      for entry in list.entries where entry.reflect != nil && entry.permit {
        let provenance = self.provenance(entry)
        for matches in alternatives(entry, list: list, config: config) {
          reflected[entry.reflect ?? "", default: []].append((Self.mirror(matches), provenance))
        }
      }
    }
    var tables: [Table] = []
    for family in [IPAddress.Family.v4, .v6] {
      var chains: [Chain] = []
      let shut = config.interfaces.filter(\.shutdown).map(\.name)
      if !shut.isEmpty, family == .v4 {
        chains.append(
          Chain(
            name: "interfaces", hook: .forward, priority: -1, policy: .allow,
            rules: [
              Rule(
                matches: [.inInterface(Self.patterns(shut), negated: false)], action: .drop,
                provenance: implicit(config.interfaces.first(where: \.shutdown)?.line ?? 0, "a shut-down interface")),
              Rule(
                matches: [.outInterface(Self.patterns(shut), negated: false)], action: .drop,
                provenance: implicit(config.interfaces.first(where: \.shutdown)?.line ?? 0, "a shut-down interface")),
            ]))
      }
      for interface in config.interfaces {
        for group in interface.accessGroups where group.family == family {
          if let chain = bindingChain(group, interface: interface, config: config) { chains.append(chain) }
        }
      }
      for name in config.aclOrder {
        guard let list = config.accessLists[name], list.family == family else { continue }
        chains.append(listChain(list, config: config))
      }
      if !chains.isEmpty {
        tables.append(
          Table(name: family == .v4 ? "ip" : "ipv6", families: [family], isFilter: true, chains: chains))
      }
    }
    if let zoneTable = zoneFirewall(config) { tables.append(zoneTable) }
    let zones = config.zoneOrder.map { zone in
      FirewallZone(
        name: zone, interfaces: config.interfaces.filter { $0.zone == zone }.map(\.name),
        provenance: Provenance(file: file, line: config.zones[zone] ?? 0, text: "zone security \(zone)"))
    }
    return Ruleset(
      file: file, vendor: .ciscoIOS, tables: tables, unfilteredVerdict: .allow, zones: zones,
      translations: config.translations, diagnostics: diagnostics)
  }

  // MARK: Access groups and lists

  private mutating func bindingChain(
    _ group: CiscoIOSConfig.AccessGroup, interface: CiscoIOSConfig.Interface, config: CiscoIOSConfig
  ) -> Chain? {
    let command = group.family == .v4 ? "ip access-group" : "ipv6 traffic-filter"
    let direction = group.inbound ? "in" : "out"
    guard let list = config.accessLists[group.acl], list.family == group.family, !list.entries.isEmpty else {
      let why = config.accessLists[group.acl] == nil ? "is not defined" : "has no entries"
      diagnostics.append(
        Diagnostic(
          .warning, .iosUnresolved,
          "interface \(interface.name): \(command) \(group.acl) \(direction): the access list \(why); IOS filters "
            + "nothing with it", at: location(group.line)))
      return nil
    }
    let mine = Self.patterns([interface.name])
    let other: Match = group.inbound ? .inInterface(mine, negated: true) : .outInterface(mine, negated: true)
    return Chain(
      name: "\(interface.name) \(direction)", hook: .forward, priority: group.inbound ? 0 : 2, policy: .deny,
      rules: [
        Rule(
          matches: [other], action: .accept,
          provenance: implicit(group.line, "not \(group.inbound ? "entering" : "leaving") \(interface.name)")),
        Rule(
          matches: [], action: .goto(list.name),
          provenance: Provenance(file: file, line: group.line, text: "\(command) \(group.acl) \(direction)")),
      ], provenance: Provenance(file: file, line: group.line, text: "\(command) \(group.acl) \(direction)"),
      implicitPolicy: "implicit deny at the end of access-list \(group.acl) (\(direction) \(interface.name))")
  }

  private mutating func listChain(_ list: CiscoIOSConfig.AccessList, config: CiscoIOSConfig) -> Chain {
    var rules: [Rule] = []
    for entry in list.entries {
      if let name = entry.evaluate {
        let sessions = reflected[name] ?? []
        if sessions.isEmpty {
          diagnostics.append(
            Diagnostic(
              .warning, .iosUnresolved, "evaluate \(name): no entry reflects \(name); it passes nothing",
              at: location(entry.line)))
        }
        var provenance = Provenance(file: file, line: entry.line, text: entry.text)
        provenance.objects = ["reflexive access list \(name)"]
        for session in sessions {
          rules.append(
            Rule(
              matches: [.state([.established], negated: false)] + session.matches, action: .accept,
              provenance: provenance))
        }
        continue
      }
      let provenance = self.provenance(entry)
      for matches in alternatives(entry, list: list, config: config) {
        rules.append(Rule(matches: matches, action: entry.permit ? .accept : .drop, provenance: provenance))
      }
    }
    return Chain(
      name: list.name, policy: .deny, rules: rules,
      provenance: Provenance(file: file, line: list.line, text: "access-list \(list.name)"),
      implicitPolicy: "implicit deny at the end of access-list \(list.name)")
  }

  func provenance(_ entry: CiscoIOSConfig.Entry) -> Provenance {
    var provenance = Provenance(
      file: file, line: entry.line, text: entry.text,
      comment: entry.remarks.isEmpty ? nil : entry.remarks.joined(separator: " / "))
    var objects: [String] = []
    if case .group(let name) = entry.proto { objects.append("object-group \(name)") }
    if case .group(let name) = entry.source { objects.append("object-group \(name)") }
    if case .group(let name) = entry.destination { objects.append("object-group \(name)") }
    if case .group(let name) = entry.sourcePorts { objects.append("object-group \(name)") }
    if case .group(let name) = entry.destinationPorts { objects.append("object-group \(name)") }
    provenance.objects = objects
    return provenance
  }

  /// An entry's match lists, one per service it names (one IR rule each).
  mutating func alternatives(
    _ entry: CiscoIOSConfig.Entry, list: CiscoIOSConfig.AccessList, config: CiscoIOSConfig
  ) -> [[Match]] {
    let at = location(entry.line)
    var common: [Match] = []
    var unsupported = entry.unmodeled
    for (address, isSource) in [(entry.source, true), (entry.destination, false)] {
      switch address {
      case .any: break
      case .ranges(let ranges):
        common.append(isSource ? .source(ranges, negated: false) : .destination(ranges, negated: false))
      case .group(let name):
        var missing: [String] = []
        let ranges = groupMembers(
          of: name, kinds: [.network], \.ranges, described: { "object-group network \($0)" }, config: config,
          at: at, missing: &missing)
        if missing.isEmpty {
          common.append(isSource ? .source(ranges, negated: false) : .destination(ranges, negated: false))
        } else {
          unsupported.append("object-group \(name) (\(missing.joined(separator: ", ")))")
        }
      }
    }
    if entry.established { common.append(.state([.established, .invalid], negated: false)) }
    var services: [CiscoIOSConfig.Service]
    switch entry.proto {
    case .number(let proto):
      var service = CiscoIOSConfig.Service(proto: proto, icmpType: entry.icmpType, icmpCode: entry.icmpCode)
      func ports(_ field: CiscoIOSConfig.PortField?) -> [PortRange]? {
        switch field {
        case .none: return []
        case .ranges(let ranges): return ranges
        case .group(let name):
          var missing: [String] = []
          let ports = groupMembers(
            of: name, kinds: [.port], \.ports, described: { "port object-group \($0)" }, config: config,
            at: at, missing: &missing)
          if !missing.isEmpty { unsupported.append("port group \(name) (\(missing.joined(separator: ", ")))") }
          return missing.isEmpty ? ports : []
        }
      }
      guard let source = ports(entry.sourcePorts), let destination = ports(entry.destinationPorts) else { return [] }
      // An empty port group matches nothing.
      if (entry.sourcePorts != nil && source.isEmpty && unsupported.isEmpty)
        || (entry.destinationPorts != nil && destination.isEmpty && unsupported.isEmpty)
      {
        return []
      }
      service.sourcePorts = source
      service.destinationPorts = destination
      services = [service]
    case .group(let name):
      var missing: [String] = []
      services = groupMembers(
        of: name, kinds: [.service, .protocol], \.services,
        described: { "object-group \($0) (service or protocol)" }, config: config, at: at, missing: &missing)
      if !missing.isEmpty {
        unsupported.append("object-group \(name) (\(missing.joined(separator: ", ")))")
        services = [CiscoIOSConfig.Service(proto: nil)]
      }
    }
    var seen: Set<CiscoIOSConfig.Service> = []
    let tail = unsupported.map { Match.unsupported($0) }
    return services.filter { seen.insert($0).inserted }.map { common + $0.matches + tail }
  }

  /// The return traffic of a reflected entry: addresses and ports swapped (ICMP: any message of the family).
  static func mirror(_ matches: [Match]) -> [Match] {
    matches.compactMap { match in
      switch match {
      case .source(let r, let n): return .destination(r, negated: n)
      case .destination(let r, let n): return .source(r, negated: n)
      case .sourcePort(let r, let n): return .destinationPort(r, negated: n)
      case .destinationPort(let r, let n): return .sourcePort(r, negated: n)
      case .icmp(let family, _, _, let n): return .icmp(family, types: nil, codes: nil, negated: n)
      case .state: return nil
      default: return match
      }
    }
  }

  // MARK: Object groups

  /// The members of object-group `name` (`field` of the group), nested groups flattened to 16 levels, when it is
  /// defined and of one of `kinds`; else an error naming it as `described(name)` says, and no members.
  private mutating func groupMembers<Member>(
    of name: String, kinds: Set<CiscoIOSConfig.Group.Kind>, _ field: KeyPath<CiscoIOSConfig.Group, [Member]>,
    described: (String) -> String, config: CiscoIOSConfig, at: SourceLocation, missing: inout [String],
    depth: Int = 0
  ) -> [Member] {
    guard depth <= 16, let group = config.groups[name], kinds.contains(group.kind) else {
      diagnostics.append(Diagnostic(.error, .iosUnresolved, "\(described(name)) is not defined", at: at))
      missing.append("\(name) not defined")
      return []
    }
    return group[keyPath: field]
      + group.groups.flatMap {
        groupMembers(
          of: $0, kinds: kinds, field, described: described, config: config, at: at, missing: &missing,
          depth: depth + 1)
      }
  }
}
