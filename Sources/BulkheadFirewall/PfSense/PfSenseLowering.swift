import BulkheadModel

/// Lowers a ``PfSenseConfig`` into the IR with pf's semantics (pf.conf(5), "Packet filtering"; pfSense
/// `filter.inc`, `filter_rules_generate` and `filter_generate_user_rule`):
///
/// * A forwarded packet is filtered twice: inbound on the interface it enters, outbound on the one it leaves. Each
///   is a base chain on the forward hook (`pf out` at priority 1, `pf in` at 2); both must pass, so their order
///   does not change a verdict. `pf out` runs first so that the rule a trace cites for a passed packet is the
///   interface rule that let it in, not pfSense's "let out anything".
/// * pf evaluates every rule; the **last** matching rule decides, unless a matching rule is `quick`, which decides at
///   once. So the chain of a direction is: the state table (established and related packets pass, a packet that
///   starts no connection is dropped), the quick rules in order, then the other rules in **reverse** order (the first
///   match of the reversed list is the last match of pf's), then pf's default for a packet no rule matches: pass.
/// * The rules pfSense generates around the user's, in its order: block all IPv6 (without `ipv6allow`), block IPv4
///   link-local (RFC 3927, without `no_apipa_block`), the default deny in and out (not quick), the ICMPv6 a network
///   needs (quick), block TCP/UDP port 0, the run-time block tables (snort2c, virusprot: their content is not in the
///   config), per interface bogons, private networks, the DHCP client and antispoof, then "let out anything" (every
///   packet leaving passes, not quick). Then the user's rules: floating rules, interface group rules, interface
///   rules, each in config order; a rule on an interface tab is `in` and quick, a floating rule has its direction
///   and is quick only when it says so.
struct PfSenseLowering {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  enum Direction: String {
    case `in`, out, both
  }

  /// One pf rule as pfSense generates it, before it is placed in a direction's chain.
  struct PfRule {
    var direction: Direction
    /// The interfaces it is bound to; `nil`: every interface.
    var interfaces: [InterfacePattern]?
    var quick: Bool
    var action: RuleAction
    var matches: [Match]
    var provenance: Provenance
  }

  /// Interface "groups" pfSense keeps for VPN and PPP servers (`filter.inc`, `$vpn_and_ppp_ifs`).
  static let serverGroups: Set<String> = ["l2tp", "pptp", "pppoe", "enc0", "openvpn", "ipsec", "wireguard"]

  private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  private mutating func report(
    _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ message: String, at line: Int
  ) {
    diagnostics.append(Diagnostic(severity, code, message, at: location(line)))
  }

  private func implicit(_ line: Int, _ text: String) -> Provenance {
    Provenance(file: file, line: line, text: "implicit: \(text)")
  }

  mutating func lower(_ config: PfSenseConfig) -> Ruleset {
    let enabled = config.interfaces.filter(\.enabled)
    for interface in config.interfaces where !interface.enabled {
      report(
        .note, .pfNotEvaluated,
        "interface \(interface.key) is not enabled: \(config.product) loads no rule for it", at: interface.line)
    }
    let zones = enabled.map { interface in
      FirewallZone(
        name: interface.key, interfaces: interface.device.map { [$0] } ?? [],
        provenance: Provenance(
          file: file, line: interface.line,
          text: "interface \(interface.key)" + (interface.device.map { " (\($0))" } ?? "")
            + (interface.description.map { " \($0)" } ?? "")))
    }
    var chains: [Chain] = []
    if let line = config.disableFilterLine {
      report(
        .warning, .pfNotEvaluated, "system disablefilter: pf is disabled, every packet is forwarded unfiltered",
        at: line)
      chains.append(
        Chain(
          name: "pf disabled", hook: .forward, priority: 1, policy: .allow,
          rules: [
            Rule(
              matches: [], action: .accept,
              provenance: Provenance(file: file, line: line, text: "disablefilter: pf is disabled"))
          ], provenance: Provenance(file: file, line: line, text: "disablefilter")))
    } else {
      let pfRules = defaultRules(config, enabled: enabled) + userRules(config, enabled: enabled)
      let anchor = config.filterLine ?? config.rootLine
      for direction in [Direction.out, .in] {
        chains.append(chain(direction, pfRules, line: anchor))
      }
    }
    return Ruleset(
      file: file, vendor: .pfsense,
      tables: [Table(name: "pf", families: [.v4, .v6], isFilter: true, chains: chains)],
      unfilteredVerdict: .deny, zones: zones, translations: translations(config), diagnostics: diagnostics)
  }

  /// The chain of one direction: state table, quick rules in order, the other rules last-match-first.
  private func chain(_ direction: Direction, _ rules: [PfRule], line: Int) -> Chain {
    let applicable = rules.filter { $0.direction == direction || $0.direction == .both }
    var lowered: [Rule] = [
      Rule(
        matches: [.state([.established, .related], negated: false)], action: .accept,
        provenance: implicit(line, "pf passes packets of a connection in its state table")),
      Rule(
        matches: [.state([.invalid], negated: false)], action: .drop,
        provenance: implicit(line, "a packet that starts no connection and matches no state is dropped")),
    ]
    func place(_ rule: PfRule) -> Rule {
      var matches = rule.matches
      if let interfaces = rule.interfaces {
        matches.insert(
          direction == .in
            ? .inInterface(interfaces, negated: false) : .outInterface(interfaces, negated: false), at: 0)
      }
      return Rule(matches: matches, action: rule.action, provenance: rule.provenance)
    }
    lowered += applicable.filter(\.quick).map(place)
    lowered += applicable.filter { !$0.quick }.reversed().map(place)
    return Chain(
      name: "pf \(direction.rawValue)", hook: .forward, priority: direction == .out ? 1 : 2, policy: .allow,
      rules: lowered, provenance: Provenance(file: file, line: line, text: "pf \(direction.rawValue)bound"),
      implicitPolicy: "pf passes a packet that no rule matches")
  }

  /// The NAT rules as the IR's translation slot (recorded, reported, not applied): what they rewrite and to what,
  /// where the config says it (`wanip`, an address, an alias); unresolvable sides stay empty.
  private func translations(_ config: PfSenseConfig) -> [AddressTranslation] {
    var resolver = PfSenseResolver(config: config, file: file)
    return config.nat.map { nat in
      var original: [AddressRange] = []
      for family in [IPAddress.Family.v4, .v6] {
        if case .ranges(let ranges, _) = resolver.address(nat.original, family: family, line: nat.line),
          !nat.original.negated
        {
          original += ranges.filter { $0.family == family }
        }
      }
      var translated: [AddressRange] = []
      if let target = nat.target {
        let endpoint = PfSenseConfig.Endpoint(
          target: config.interface(target) != nil ? .network(target + "ip") : .address(target), line: nat.line)
        for family in [IPAddress.Family.v4, .v6] {
          if case .ranges(let ranges, _) = resolver.address(endpoint, family: family, line: nat.line) {
            translated += ranges.filter { $0.family == family }
          }
        }
      }
      var text = nat.kind == .destination ? "rdr" : "nat"
      if let interface = nat.interface { text += " on \(interface)" }
      if let proto = nat.protocolName { text += " proto \(proto)" }
      text += nat.kind == .destination ? " to " : " from "
      text += Self.describe(nat.original)
      text += " -> \(nat.target ?? "(interface address)")"
      if let port = nat.localPort { text += " port \(port)" }
      return AddressTranslation(
        kind: nat.kind, original: Array(Set(original)).sorted(), translated: Array(Set(translated)).sorted(),
        interface: nat.interface.flatMap { config.interface($0)?.device } ?? nat.interface,
        provenance: Provenance(file: file, line: nat.line, text: text))
    }
  }

  // MARK: The rules pfSense generates

  private func patterns(_ interface: PfSenseConfig.Interface) -> [InterfacePattern] {
    interface.names.map { InterfacePattern(name: $0, isWildcard: false) }
  }

  private func net(_ text: String) -> [AddressRange] {
    IPNetwork(text).map { [AddressRange($0)] } ?? []
  }

  private func defaultRules(_ config: PfSenseConfig, enabled: [PfSenseConfig.Interface]) -> [PfRule] {
    var rules: [PfRule] = []
    let line = config.filterLine ?? config.rootLine
    func add(
      _ direction: Direction, quick: Bool, _ action: RuleAction, _ matches: [Match], _ text: String,
      at where: Int? = nil, on interfaces: [InterfacePattern]? = nil
    ) {
      rules.append(
        PfRule(
          direction: direction, interfaces: interfaces, quick: quick, action: action, matches: matches,
          provenance: implicit(`where` ?? line, text)))
    }
    let v6: [Match] = [.family(.v6)]
    if config.ipv6AllowLine == nil {
      add(
        .both, quick: true, .drop, v6, "block all IPv6 (system ipv6allow is not set)",
        at: config.systemLine ?? line)
    }
    let opnsense = config.isOPNsense
    if config.noAPIPABlockLine == nil, !opnsense {
      let linkLocal = net("169.254.0.0/16")
      add(.in, quick: true, .drop, [.family(.v4), .source(linkLocal, negated: false)], "block IPv4 link-local")
      add(.in, quick: true, .drop, [.family(.v4), .destination(linkLocal, negated: false)], "block IPv4 link-local")
    }
    add(.both, quick: false, .drop, [], "default deny rule (IPv4 and IPv6)")
    // The ICMPv6 a network needs (RFC 4890): unreachable, too big, neighbour solicitation and advertisement
    // everywhere; echo and router discovery between link-local and multicast addresses.
    func icmp6(_ types: Set<UInt8>, from: String? = nil, to: String? = nil) -> [Match] {
      var m: [Match] = [
        .family(.v6), .proto([58], negated: false), .icmp(.v6, types: types, codes: nil, negated: false),
      ]
      if let from { m.append(.source(net(from), negated: false)) }
      if let to { m.append(.destination(net(to), negated: false)) }
      return m
    }
    add(.both, quick: true, .accept, icmp6([1, 2, 135, 136]), "pass the ICMPv6 IPv6 requires")
    add(
      .out, quick: true, .accept, icmp6([129, 133, 134, 135, 136], from: "fe80::/10", to: "fe80::/10"), "link ICMPv6")
    add(
      .out, quick: true, .accept, icmp6([129, 133, 134, 135, 136], from: "fe80::/10", to: "ff02::/16"), "link ICMPv6")
    add(.in, quick: true, .accept, icmp6([128, 133, 134, 135, 136], from: "fe80::/10", to: "fe80::/10"), "link ICMPv6")
    add(.in, quick: true, .accept, icmp6([128, 133, 134, 135, 136], from: "ff02::/16", to: "fe80::/10"), "link ICMPv6")
    add(.in, quick: true, .accept, icmp6([128, 133, 134, 135, 136], from: "fe80::/10", to: "ff02::/16"), "link ICMPv6")
    if !opnsense {
      add(.in, quick: true, .accept, icmp6([128, 133, 134, 135, 136], from: "::/128", to: "ff02::/16"), "link ICMPv6")
    }
    let zero = [PortRange(0)]
    add(
      .both, quick: true, .drop, [.proto([6, 17], negated: false), .sourcePort(zero, negated: false)],
      "block traffic from port 0")
    add(
      .both, quick: true, .drop, [.proto([6, 17], negated: false), .destinationPort(zero, negated: false)],
      "block traffic to port 0")
    // CARP: pfSense adds its rules only when CARP may be in use; OPNsense always passes CARP (and, without CARP
    // of its own, blocks CARP claiming to come from itself).
    let carp: Match = .proto([112], negated: false)
    if opnsense || config.usesCARP {
      if !(opnsense && config.usesCARP) {
        add(
          .in, quick: true, .drop, [carp, .unsupported("source is one of the firewall's own addresses ((self))")],
          "block CARP from the firewall itself")
      }
      add(.both, quick: true, .accept, [carp], "pass CARP")
    }
    for table in opnsense ? ["virusprot"] : ["snort2c", "virusprot"] {
      add(
        table == "virusprot" && !opnsense ? .in : .both, quick: true, .drop,
        [.unsupported("source in the run-time table <\(table)> (its content is not in the config)")],
        "block hosts of the run-time table <\(table)>")
    }
    for interface in enabled {
      let on = patterns(interface)
      if let bogons = interface.blockBogons {
        add(
          .in, quick: true, .drop,
          [.unsupported("source in the bogons table (downloaded at run time, not in the config)")],
          "block bogon networks from \(interface.key)", at: bogons, on: on)
      }
      if let privateLine = interface.blockPrivate {
        // OPNsense also blocks shared address space (RFC 6598, 100.64/10).
        let blocks =
          opnsense
          ? ["10.0.0.0/8", "127.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
          : ["10.0.0.0/8", "127.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
        for block in blocks {
          add(
            .in, quick: true, .drop, [.source(net(block), negated: false)],
            "block private networks from \(interface.key) (\(block))", at: privateLine, on: on)
        }
      }
      if interface.isDHCPClient {
        let udp: Match = .proto([17], negated: false)
        // pfSense writes these quick; OPNsense does not.
        add(
          .in, quick: !opnsense, .accept,
          [udp, .sourcePort([PortRange(67)], negated: false), .destinationPort([PortRange(68)], negated: false)],
          "allow the DHCP client on \(interface.key)", at: interface.line, on: on)
        add(
          .out, quick: !opnsense, .accept,
          [udp, .sourcePort([PortRange(68)], negated: false), .destinationPort([PortRange(67)], negated: false)],
          "allow the DHCP client on \(interface.key)", at: interface.line, on: on)
      }
      // antispoof (pfSense): the interface's network may enter only by it, and its own address enters by none.
      for (address, family) in opnsense ? [] : [(interface.v4, IPAddress.Family.v4), (interface.v6, .v6)] {
        guard case .configured(let ip, let prefix) = address else { continue }
        let subnet = AddressRange(IPNetwork(address: ip, prefixLength: prefix))
        add(
          .in, quick: false, .drop,
          [.inInterface(on, negated: true), .family(family), .source([subnet], negated: false)],
          "antispoof for \(interface.key): its network enters only by it", at: interface.line)
        add(
          .in, quick: false, .drop,
          [
            .family(family),
            .source([AddressRange(IPNetwork(address: ip, prefixLength: family.bitWidth))], negated: false),
          ],
          "antispoof for \(interface.key): its own address", at: interface.line)
      }
    }
    add(.out, quick: false, .accept, [], "let out anything (every packet leaving passes, keep state)")
    return rules
  }

  // MARK: The user's rules

  private mutating func userRules(_ config: PfSenseConfig, enabled: [PfSenseConfig.Interface]) -> [PfRule] {
    var floating: [PfRule] = []
    var grouped: [PfRule] = []
    var plain: [PfRule] = []
    var resolver = PfSenseResolver(config: config, file: file)
    for rule in config.rules {
      if rule.disabled {
        report(.note, .pfDisabled, "disabled rule: not loaded", at: rule.line)
        continue
      }
      let lowered = lower(rule, config: config, enabled: enabled, resolver: &resolver)
      if rule.floating {
        floating += lowered
      } else if let key = rule.interfaces.first, config.groups[key] != nil || Self.serverGroups.contains(key) {
        grouped += lowered
      } else {
        plain += lowered
      }
    }
    diagnostics += resolver.diagnostics
    return floating + grouped + plain
  }

  private mutating func lower(
    _ rule: PfSenseConfig.FilterRule, config: PfSenseConfig, enabled: [PfSenseConfig.Interface],
    resolver: inout PfSenseResolver
  ) -> [PfRule] {
    // Interfaces.
    var interfaces: [InterfacePattern]? = nil
    var objects: [String] = []
    var onText = ""
    if rule.floating || (config.isOPNsense && rule.interfaces.count != 1) {
      // OPNsense's FilterRule makes one pf rule per listed interface, for any rule, and a rule with no interface
      // applies on every interface (pfSense does not load such an interface-tab rule).
      if !rule.floating && rule.interfaces.isEmpty {
        report(
          .warning, .pfUnresolved,
          "rule names no interface: OPNsense's rule generator applies it on every interface (assumed so)",
          at: rule.line)
      }
      var found: [InterfacePattern] = []
      for key in rule.interfaces {
        if let interface = enabled.first(where: { $0.key == key }) {
          found += patterns(interface)
        } else {
          report(
            .warning, .pfUnresolved, "interface '\(key)' is not an enabled interface; the rule is not loaded on it",
            at: rule.line)
        }
      }
      if !found.isEmpty {
        interfaces = found
        onText = " on " + rule.interfaces.joined(separator: ",")
      } else if !rule.interfaces.isEmpty {
        if !rule.floating {
          report(.warning, .pfUnresolved, "none of the rule's interfaces is enabled: not loaded", at: rule.line)
          return []
        }
        report(
          .warning, .pfUnresolved,
          "floating rule: none of its interfaces is enabled, so \(config.product) applies it on every interface",
          at: rule.line)
      }
      objects += rule.interfaces.map { "interface \($0)" }
    } else {
      guard rule.interfaces.count == 1, let key = rule.interfaces.first else {
        report(
          .warning, .pfUnresolved,
          rule.interfaces.isEmpty
            ? "rule names no interface and is not floating: \(config.product) does not load it"
            : "rule names several interfaces and is not floating: \(config.product) does not load it",
          at: rule.line)
        return []
      }
      if let interface = enabled.first(where: { $0.key == key }) {
        interfaces = patterns(interface)
      } else if let group = config.groups[key] {
        interfaces =
          [InterfacePattern(name: key, isWildcard: false)]
          + group.members.flatMap { member in
            enabled.first { $0.key == member }.map(patterns) ?? []
          }
        objects.append("interface group \(key)")
      } else if Self.serverGroups.contains(key) {
        interfaces = [InterfacePattern(name: key, isWildcard: false)]
        report(
          .note, .pfNotModeled,
          "rule on the \(key) interfaces: matched by an interface named '\(key)' (the tunnel interfaces are not in "
            + "the config)", at: rule.line)
      } else {
        report(
          .warning, .pfUnresolved,
          "rule on interface '\(key)', which is not an enabled interface or group: \(config.product) does not load it",
          at: rule.line)
        return []
      }
      objects.insert("interface \(key)", at: 0)
      onText = " on \(key)"
    }
    // Direction and quick.
    // pfSense: an interface-tab rule is `in`, a floating rule has its direction (none: any). OPNsense: every rule
    // has its direction, and none is `in` (FilterRule.php, "any:|:in").
    var direction = Direction.in
    if rule.floating || config.isOPNsense {
      switch rule.direction ?? "" {
      case "in": direction = .in
      case "out": direction = .out
      case "any": direction = .both
      case "": direction = config.isOPNsense ? .in : .both
      default:
        report(
          .warning, .syntax, "direction '\(rule.direction ?? "")' is not in, out or any; taken as any",
          at: rule.line)
        direction = .both
      }
    }
    // Action.
    let action: RuleAction
    switch rule.type ?? "" {
    case "pass": action = .accept
    case "block": action = .drop
    case "reject": action = .reject
    case "match":
      report(.note, .pfNotEvaluated, "match rule: sets options, neither passes nor blocks", at: rule.line)
      return []
    default:
      // filter.inc: "default (for older rules) is pass".
      report(
        .note, .pfNotEvaluated,
        "rule type '\(rule.type ?? "")' is not pass, block, reject or match: \(config.product) passes (its default)",
        at: rule.line)
      action = .accept
    }
    if action == .accept, rule.stateType == "none" {
      report(
        .note, .pfNotModeled,
        "statetype none: return traffic is not passed by a state; Bulkhead's state table passes it (a superset)",
        at: rule.line)
    }
    // Families.
    let families: [IPAddress.Family]
    switch rule.ipprotocol ?? "" {
    // No ipprotocol: pfSense writes inet; OPNsense writes no family, so the rule holds for both.
    case "": families = config.isOPNsense ? [.v4, .v6] : [.v4]
    case "inet": families = [.v4]
    case "inet6": families = [.v6]
    case "inet46": families = [.v4, .v6]
    default:
      report(.warning, .syntax, "ipprotocol '\(rule.ipprotocol ?? "")' is not known; taken as inet", at: rule.line)
      families = [.v4]
    }
    var result: [PfRule] = []
    let verb = rule.type.map { $0 == "reject" ? "reject" : $0 } ?? "pass"
    for family in families {
      var matches: [Match] = [.family(family)]
      var unsupported: [String] = rule.unmodeled.map(\.what)
      for (what, line) in rule.unmodeled {
        report(
          .warning, .pfNotModeled, "\(what): not modeled; assumed to hold when passing, not when blocking", at: line)
      }
      var ruleObjects = objects
      // Protocol.
      var proto = rule.proto ?? ""
      if proto.isEmpty || proto == "any" {
        proto = (rule.source.port != nil || rule.destination.port != nil) ? "tcp" : ""
      }
      let carriesPorts = ["tcp", "udp", "tcp/udp"].contains(proto)
      switch proto {
      case "": break
      case "tcp/udp": matches.append(.proto([6, 17], negated: false))
      case "icmp":
        matches.append(.proto([family == .v4 ? 1 : 58], negated: false))
        let names = rule.icmpTypes.filter { $0 != "any" }
        if !names.isEmpty {
          let table = family == .v4 ? PfSenseValues.icmpTypes : PfSenseValues.icmp6Types
          var types: Set<UInt8> = []
          for name in names {
            if let t = table[name] ?? UInt8(name) {
              types.insert(t)
            } else {
              report(.warning, .syntax, "icmptype '\(name)' is not known for this family; not modeled", at: rule.line)
              unsupported.append("icmptype \(name)")
            }
          }
          if !types.isEmpty { matches.append(.icmp(family, types: types, codes: nil, negated: false)) }
        }
      default:
        if let number = PfSenseValues.protocolNumber(proto) {
          matches.append(.proto([number], negated: false))
        } else {
          report(.warning, .syntax, "protocol '\(proto)' is not known; not modeled", at: rule.line)
          unsupported.append("protocol \(proto)")
        }
      }
      // Addresses and ports.
      var skip: String? = nil
      for (endpoint, isSource) in [(rule.source, true), (rule.destination, false)] {
        switch resolver.address(endpoint, family: family, line: rule.line) {
        case .any: break
        case .ranges(let ranges, let names):
          matches.append(
            isSource
              ? .source(ranges, negated: endpoint.negated) : .destination(ranges, negated: endpoint.negated))
          ruleObjects += names
        case .unsupported(let why, let names):
          unsupported.append(why)
          ruleObjects += names
        case .notLoaded(let why):
          skip = why
        }
        if carriesPorts, let port = endpoint.port {
          switch resolver.ports(port, line: rule.line) {
          case .some(.ports(let ports, let names)):
            if !(ports.count == 1 && ports[0].lower <= 1 && ports[0].upper == 65535) {
              matches.append(
                isSource ? .sourcePort(ports, negated: false) : .destinationPort(ports, negated: false))
            }
            ruleObjects += names
          case .some(.unsupported(let why, let names)):
            unsupported.append(why)
            ruleObjects += names
          case .none:
            skip = "port '\(port)' is neither a port, a range nor a port alias"
          }
        }
      }
      if let skip {
        report(
          .warning, .pfUnresolved,
          "\(skip): \(config.product) does not load this rule\(families.count > 1 ? " for \(family == .v4 ? "IPv4" : "IPv6")" : "")",
          at: rule.line)
        continue
      }
      matches += unsupported.map(Match.unsupported)
      var text = "\(verb) \(direction == .both ? "" : direction.rawValue + " ")\(rule.quick ? "quick " : "")"
      text += "\(onText.isEmpty ? "" : String(onText.dropFirst()) + " ")\(family == .v4 ? "inet" : "inet6")"
      if !proto.isEmpty { text += " proto \(proto)" }
      text += " from \(Self.describe(rule.source)) to \(Self.describe(rule.destination))"
      var provenance = Provenance(file: file, line: rule.line, text: text, comment: rule.description)
      var seen: Set<String> = []
      provenance.objects = ruleObjects.filter { seen.insert($0).inserted }
      result.append(
        PfRule(
          direction: direction, interfaces: interfaces, quick: rule.quick, action: action, matches: matches,
          provenance: provenance))
    }
    return result
  }

  /// A side of a rule as the GUI shows it: `lan net`, `!OT_PLCS port 502`, `any`.
  static func describe(_ endpoint: PfSenseConfig.Endpoint) -> String {
    var text = endpoint.negated ? "!" : ""
    switch endpoint.target {
    case .any: text += "any"
    case .network(let name):
      text += name.hasSuffix("ip") ? "\(name.dropLast(2)) address" : name == "(self)" ? "(self)" : "\(name) net"
    case .address(let address): text += address
    }
    if let port = endpoint.port { text += " port \(port)" }
    return text
  }
}
