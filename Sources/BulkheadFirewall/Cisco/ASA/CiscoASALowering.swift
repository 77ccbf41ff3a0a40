import BulkheadModel

/// Lowers a ``CiscoASAConfig`` into the IR: one table `asa` (IPv4 and IPv6) whose base chains on the forward hook
/// every transit packet must pass (Cisco ASA Series Firewall Configuration Guide, "Access Rules"; "Interfaces",
/// security levels):
/// 1. `interfaces`: a packet entering or leaving by an interface without `nameif` (or shut down, or
///    `management-only`) does not pass through the device.
/// 2. `NAME in`, one per named interface: the session table passes return traffic of accepted connections; then
///    either the interface's inbound access list and the global access list (first match, implicit deny at the
///    end; interfaces of the same security level stay apart unless `same-security-traffic permit inter-interface`,
///    hairpin traffic unless `… intra-interface`), or, with no access list, the security levels: traffic may go to
///    interfaces of a lower level (and of the same level with `same-security-traffic`), nothing else.
/// 3. `NAME out`, one per interface with an outbound access list: return traffic, then that list.
/// Each access list is also a user chain of its own name (evaluable alone: `--chain NAME`). Rules match an
/// interface by its `nameif` or its hardware name, so a plant model may use either.
struct CiscoASALowering {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  private func implicit(_ line: Int, _ text: String) -> Provenance {
    Provenance(file: file, line: line, text: "implicit: \(text)")
  }

  mutating func lower(_ config: CiscoASAConfig) -> Ruleset {
    var chains: [Chain] = []
    let usable = config.interfaces.filter { $0.nameif != nil && !$0.shutdown && !$0.managementOnly }
    func patterns(_ interfaces: [CiscoASAConfig.Interface]) -> [InterfacePattern] {
      interfaces.flatMap { i in
        ([i.nameif].compactMap { $0 } + [i.name]).map { InterfacePattern(name: $0, isWildcard: false) }
      }
    }
    let inbound = Dictionary(
      config.accessGroups.filter { $0.direction == .in }.map { ($0.interface?.lowercased() ?? "", $0) },
      uniquingKeysWith: { first, _ in first })
    let outbound = Dictionary(
      config.accessGroups.filter { $0.direction == .out }.map { ($0.interface?.lowercased() ?? "", $0) },
      uniquingKeysWith: { first, _ in first })
    let global = config.accessGroups.first { $0.direction == .global }
    for group in config.accessGroups {
      if let name = group.interface, !usable.contains(where: { $0.nameif?.lowercased() == name.lowercased() }) {
        diagnostics.append(
          Diagnostic(
            .error, .asaUnresolved,
            "access-group \(group.acl): no usable interface has nameif '\(name)' (or it is shut down); not evaluated",
            at: location(group.line)))
      }
    }
    if !usable.isEmpty {
      let line = usable[0].line
      chains.append(
        Chain(
          name: "interfaces", hook: .forward, priority: 0, policy: .allow,
          rules: [
            Rule(
              matches: [.inInterface(patterns(usable), negated: true)], action: .drop,
              provenance: implicit(line, "an interface without nameif (or shut down) passes no traffic")),
            Rule(
              matches: [.outInterface(patterns(usable), negated: true)], action: .drop,
              provenance: implicit(line, "an interface without nameif (or shut down) passes no traffic")),
          ], provenance: Provenance(file: file, line: line, text: "interfaces")))
    }
    for interface in usable {
      let name = interface.nameif ?? interface.name
      chains.append(
        inboundChain(
          interface, all: usable, access: inbound[name.lowercased()], global: global, config: config,
          patterns: patterns))
      if let group = outbound[name.lowercased()] {
        var rules = sessionRules(
          .outInterface(patterns([interface]), negated: true), line: group.line, "not leaving \(name)")
        rules.append(call(group.acl, goto: true, line: group.line, config: config))
        chains.append(
          Chain(
            name: "\(name) out", hook: .forward, priority: 2, policy: .deny, rules: rules,
            provenance: Provenance(
              file: file, line: group.line, text: "access-group \(group.acl) out interface \(name)"),
            implicitPolicy: "implicit deny at the end of access-list \(group.acl) (out interface \(name))"))
      }
    }
    for name in config.aclOrder {
      chains.append(aclChain(name, config: config))
    }
    let zones = usable.map { interface in
      FirewallZone(
        name: interface.nameif ?? interface.name, interfaces: [interface.name],
        provenance: Provenance(
          file: file, line: interface.line,
          text: "interface \(interface.name) nameif \(interface.nameif ?? "") security-level \(interface.level)"))
    }
    let translations = config.nat.map { nat in
      AddressTranslation(
        kind: nat.kind, original: nat.original, translated: nat.translated, interface: nat.interface,
        provenance: Provenance(file: file, line: nat.line, text: nat.text))
    }
    return Ruleset(
      file: file, vendor: .ciscoASA,
      tables: [Table(name: "asa", families: [.v4, .v6], isFilter: true, chains: chains)],
      unfilteredVerdict: .deny, zones: zones, translations: translations, diagnostics: diagnostics)
  }

  /// The first rules of a per-interface chain: packets of other interfaces pass it; the session table passes return
  /// traffic and drops packets that start no connection.
  private func sessionRules(_ other: Match, line: Int, _ why: String) -> [Rule] {
    [
      Rule(matches: [other], action: .accept, provenance: implicit(line, "\(why): not filtered here")),
      Rule(
        matches: [.state([.established, .related], negated: false)], action: .accept,
        provenance: implicit(line, "the connection table passes return traffic of accepted connections")),
      Rule(
        matches: [.state([.invalid], negated: false)], action: .drop,
        provenance: implicit(line, "a packet that starts no connection is dropped")),
    ]
  }

  /// A jump (or goto) to an access list's chain; an undefined list is a condition Bulkhead cannot state.
  private mutating func call(_ acl: String, goto: Bool, line: Int, config: CiscoASAConfig) -> Rule {
    guard config.entries[acl] != nil else {
      diagnostics.append(
        Diagnostic(
          .error, .asaUnresolved,
          "access-group names access-list \(acl), which has no entries; assumed to permit (conservative)",
          at: location(line)))
      return Rule(
        matches: [.unsupported("access-list \(acl) is not defined")], action: .accept,
        provenance: Provenance(file: file, line: line, text: "access-group \(acl)"))
    }
    return Rule(
      matches: [], action: goto ? .goto(acl) : .jump(acl),
      provenance: Provenance(file: file, line: line, text: "access-group \(acl)"))
  }

  private mutating func inboundChain(
    _ interface: CiscoASAConfig.Interface, all: [CiscoASAConfig.Interface], access: CiscoASAConfig.AccessGroup?,
    global: CiscoASAConfig.AccessGroup?, config: CiscoASAConfig,
    patterns: ([CiscoASAConfig.Interface]) -> [InterfacePattern]
  ) -> Chain {
    let name = interface.nameif ?? interface.name
    let levelLine = interface.securityLevelLine ?? interface.line
    var rules = sessionRules(
      .inInterface(patterns([interface]), negated: true), line: access?.line ?? interface.line, "not entering \(name)")
    let same = all.filter { $0.name != interface.name && $0.level == interface.level }
    let lower = all.filter { $0.level < interface.level }
    let levelText = "security-level \(interface.level) (\(name))"
    if access != nil || global != nil {
      if !same.isEmpty && config.sameSecurityInterLine == nil {
        rules.append(
          Rule(
            matches: [.outInterface(patterns(same), negated: false)], action: .drop,
            provenance: implicit(
              levelLine,
              "\(levelText): interfaces of the same security level do not exchange traffic "
                + "(no same-security-traffic permit inter-interface)")))
      }
      if config.sameSecurityIntraLine == nil {
        rules.append(
          Rule(
            matches: [.outInterface(patterns([interface]), negated: false)], action: .drop,
            provenance: implicit(
              levelLine,
              "traffic does not leave by the interface it entered (no same-security-traffic permit "
                + "intra-interface)")))
      }
      var lists: [String] = []
      if let access {
        rules.append(call(access.acl, goto: global == nil, line: access.line, config: config))
        lists.append(access.acl)
      }
      if let global {
        rules.append(call(global.acl, goto: true, line: global.line, config: config))
        lists.append("\(global.acl) (global)")
      }
      let line = access?.line ?? global?.line ?? interface.line
      return Chain(
        name: "\(name) in", hook: .forward, priority: 1, policy: .deny, rules: rules,
        provenance: Provenance(
          file: file, line: line,
          text: access.map { "access-group \($0.acl) in interface \(name)" }
            ?? "access-group \(global?.acl ?? "") global"),
        implicitPolicy:
          "implicit deny at the end of access-list \(lists.joined(separator: " and ")) (in interface \(name))")
    }
    if !lower.isEmpty {
      rules.append(
        Rule(
          matches: [.outInterface(patterns(lower), negated: false)], action: .accept,
          provenance: Provenance(
            file: file, line: levelLine,
            text: "\(levelText): traffic to a lower security level is permitted without an access list")))
    }
    if let line = config.sameSecurityInterLine, !same.isEmpty {
      rules.append(
        Rule(
          matches: [.outInterface(patterns(same), negated: false)], action: .accept,
          provenance: Provenance(
            file: file, line: line,
            text: "same-security-traffic permit inter-interface: \(levelText) to the same security level")))
    }
    if let line = config.sameSecurityIntraLine {
      rules.append(
        Rule(
          matches: [.outInterface(patterns([interface]), negated: false)], action: .accept,
          provenance: Provenance(
            file: file, line: line,
            text: "same-security-traffic permit intra-interface: back out of \(name)")))
    }
    return Chain(
      name: "\(name) in", hook: .forward, priority: 1, policy: .deny, rules: rules,
      provenance: Provenance(file: file, line: levelLine, text: "interface \(interface.name) \(levelText)"),
      implicitPolicy: "implicit deny: \(levelText) to an equal or higher security level without an access list")
  }

  // MARK: Access lists

  private mutating func aclChain(_ name: String, config: CiscoASAConfig) -> Chain {
    var rules: [Rule] = []
    for entry in config.entries[name] ?? [] {
      if entry.inactive {
        diagnostics.append(
          Diagnostic(
            .note, .asaInactive, "access-list \(name): inactive entry; not evaluated", at: location(entry.line)))
        continue
      }
      rules += lower(entry, config: config)
    }
    let line = config.aclLines[name] ?? 0
    return Chain(
      name: name, policy: .deny, rules: rules,
      provenance: Provenance(file: file, line: line, text: "access-list \(name)"),
      implicitPolicy: "implicit deny at the end of access-list \(name)")
  }

  private mutating func lower(_ entry: CiscoASAConfig.Entry, config: CiscoASAConfig) -> [Rule] {
    var objects: [String] = []
    var unsupported: [String] = entry.unmodeled
    let at = location(entry.line)
    var common: [Match] = []
    for (address, isSource) in [(entry.source, true), (entry.destination, false)] {
      switch resolve(address, config: config, at: at, objects: &objects) {
      case .family(let family): common.append(.family(family))
      case .any: break
      case .ranges(let ranges):
        common.append(isSource ? .source(ranges, negated: false) : .destination(ranges, negated: false))
      case .unsupported(let why): unsupported.append("\(isSource ? "source" : "destination") \(why)")
      }
    }
    if let timeRange = entry.timeRange {
      if config.timeRanges[timeRange] == nil {
        diagnostics.append(
          Diagnostic(.error, .asaUnresolved, "time-range \(timeRange) is not defined", at: at))
      }
      unsupported.append("time-range \(timeRange)")
    }
    let services = self.services(entry, config: config, at: at, objects: &objects, unsupported: &unsupported)
    var provenance = Provenance(
      file: file, line: entry.line, text: entry.text,
      comment: entry.remarks.isEmpty ? nil : entry.remarks.joined(separator: " / "))
    provenance.objects = objects
    let tail = unsupported.map { Match.unsupported($0) }
    return services.map { service in
      Rule(matches: common + service + tail, action: entry.permit ? .accept : .drop, provenance: provenance)
    }
  }

  private enum ResolvedAddress {
    case any
    case family(IPAddress.Family)
    case ranges([AddressRange])
    case unsupported(String)
  }

  private mutating func resolve(
    _ address: CiscoASAConfig.Address, config: CiscoASAConfig, at: SourceLocation, objects: inout [String]
  ) -> ResolvedAddress {
    switch address {
    case .any(let family): return family.map { .family($0) } ?? .any
    case .ranges(let ranges): return .ranges(ranges)
    case .interface(let name):
      let addresses = config.interfaces.first { $0.nameif?.lowercased() == name.lowercased() }?.addresses ?? []
      guard !addresses.isEmpty else {
        diagnostics.append(
          Diagnostic(.error, .asaUnresolved, "interface \(name) has no address in the configuration", at: at))
        return .unsupported("interface \(name) (address unknown)")
      }
      return .ranges(addresses.compactMap { AddressRange(first: $0, last: $0) })
    case .object(let name):
      objects.append("object network \(name)")
      guard let object = config.networkObjects[name] else {
        diagnostics.append(Diagnostic(.error, .asaUnresolved, "object network \(name) is not defined", at: at))
        return .unsupported("object \(name) (not defined)")
      }
      if let why = object.unmodeled { return .unsupported("object \(name) (\(why))") }
      return .ranges(object.ranges ?? [])
    case .group(let name):
      objects.append("object-group network \(name)")
      var unmodeled: [String] = []
      let ranges = networkGroup(name, config: config, at: at, unmodeled: &unmodeled, depth: 0)
      if !unmodeled.isEmpty { return .unsupported("object-group \(name) (\(unmodeled.joined(separator: ", ")))") }
      return .ranges(ranges)
    }
  }

  private mutating func networkGroup(
    _ name: String, config: CiscoASAConfig, at: SourceLocation, unmodeled: inout [String], depth: Int
  ) -> [AddressRange] {
    guard depth <= 16 else {
      diagnostics.append(
        Diagnostic(.error, .asaUnresolved, "object-group nesting deeper than 16 at \(name) (a loop?)", at: at))
      unmodeled.append("\(name) nested too deep")
      return []
    }
    guard let group = config.groups[name], group.kind == .network else {
      diagnostics.append(Diagnostic(.error, .asaUnresolved, "object-group network \(name) is not defined", at: at))
      unmodeled.append("\(name) not defined")
      return []
    }
    var ranges: [AddressRange] = []
    for member in group.networks {
      switch member {
      case .ranges(let r): ranges += r
      case .object(let object):
        guard let o = config.networkObjects[object] else {
          diagnostics.append(
            Diagnostic(
              .error, .asaUnresolved, "object-group \(name): object network \(object) is not defined", at: at))
          unmodeled.append("\(object) not defined")
          continue
        }
        if let why = o.unmodeled { unmodeled.append("\(object): \(why)") }
        ranges += o.ranges ?? []
      case .group(let inner):
        ranges += networkGroup(inner, config: config, at: at, unmodeled: &unmodeled, depth: depth + 1)
      }
    }
    return ranges
  }

  // MARK: Services

  /// The entry's service alternatives, each a list of matches (one IR rule each).
  private mutating func services(
    _ entry: CiscoASAConfig.Entry, config: CiscoASAConfig, at: SourceLocation, objects: inout [String],
    unsupported: inout [String]
  ) -> [[Match]] {
    var result: [CiscoASAConfig.Service] = []
    switch entry.proto {
    case .number(let proto):
      var service = CiscoASAConfig.Service(proto: proto)
      func ports(_ field: CiscoASAConfig.PortField?) -> [PortRange] {
        switch field {
        case .none: return []
        case .ranges(let ranges): return ranges
        case .group(let name):
          objects.append("object-group service \(name)")
          return portGroup(name, config: config, at: at, unsupported: &unsupported, depth: 0)
        }
      }
      service.sourcePorts = ports(entry.sourcePorts)
      service.destinationPorts = ports(entry.destinationPorts)
      if (entry.sourcePorts != nil && service.sourcePorts.isEmpty)
        || (entry.destinationPorts != nil && service.destinationPorts.isEmpty)
      {
        return []  // an empty port group matches nothing
      }
      if let group = entry.icmpGroup {
        objects.append("object-group icmp-type \(group)")
        let types = serviceGroup(group, config: config, at: at, unsupported: &unsupported, depth: 0).compactMap(
          \.icmpType)
        return types.isEmpty
          ? [] : [[.icmp(proto == 58 ? .v6 : .v4, types: Set(types), codes: nil, negated: false)]]
      }
      service.icmpType = entry.icmpType
      service.icmpCode = entry.icmpCode
      result = [service]
    case .group(let name):
      let kind = config.groups[name]?.kind
      objects.append("object-group \(kind?.rawValue ?? "service") \(name)")
      result = serviceGroup(name, config: config, at: at, unsupported: &unsupported, depth: 0)
    case .object(let name):
      objects.append("object service \(name)")
      if let object = config.serviceObjects[name] {
        result = object.services
      } else {
        diagnostics.append(Diagnostic(.error, .asaUnresolved, "object service \(name) is not defined", at: at))
        unsupported.append("object service \(name) (not defined)")
        result = [CiscoASAConfig.Service(proto: nil)]
      }
    }
    var seen: Set<CiscoASAConfig.Service> = []
    return result.filter { seen.insert($0).inserted }.map(\.matches)
  }

  private mutating func serviceGroup(
    _ name: String, config: CiscoASAConfig, at: SourceLocation, unsupported: inout [String], depth: Int
  ) -> [CiscoASAConfig.Service] {
    guard depth <= 16 else {
      unsupported.append("object-group \(name) nested too deep")
      return [CiscoASAConfig.Service(proto: nil)]
    }
    guard let group = config.groups[name], group.kind != .network else {
      diagnostics.append(Diagnostic(.error, .asaUnresolved, "object-group \(name) is not defined", at: at))
      unsupported.append("object-group \(name) (not defined)")
      return [CiscoASAConfig.Service(proto: nil)]
    }
    var services: [CiscoASAConfig.Service] = []
    for member in group.services {
      switch member {
      case .services(let s): services += s
      case .ports(let ports):
        services += group.portProtocols.map { CiscoASAConfig.Service(proto: $0, destinationPorts: ports) }
      case .object(let object):
        if let o = config.serviceObjects[object] {
          services += o.services
        } else {
          diagnostics.append(
            Diagnostic(
              .error, .asaUnresolved, "object-group \(name): object service \(object) is not defined", at: at))
          unsupported.append("object service \(object) (not defined)")
          services.append(CiscoASAConfig.Service(proto: nil))
        }
      case .group(let inner):
        services += serviceGroup(inner, config: config, at: at, unsupported: &unsupported, depth: depth + 1)
      }
    }
    return services
  }

  /// The ports of a service group of `port-object`s (nested groups included).
  private mutating func portGroup(
    _ name: String, config: CiscoASAConfig, at: SourceLocation, unsupported: inout [String], depth: Int
  ) -> [PortRange] {
    guard depth <= 16, let group = config.groups[name] else {
      diagnostics.append(Diagnostic(.error, .asaUnresolved, "object-group service \(name) is not defined", at: at))
      unsupported.append("object-group \(name) (not defined)")
      return [PortRange.all]
    }
    var ports: [PortRange] = []
    for member in group.services {
      switch member {
      case .ports(let p): ports += p
      case .group(let inner):
        ports += portGroup(inner, config: config, at: at, unsupported: &unsupported, depth: depth + 1)
      case .services(let services): ports += services.flatMap(\.destinationPorts)
      case .object: break
      }
    }
    return ports
  }
}
