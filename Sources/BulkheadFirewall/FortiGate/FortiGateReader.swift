import BulkheadModel

/// Reads the FortiOS syntax tree into ``FortiGateConfig``, accounting for every line: a setting is used, known not
/// to decide which packets pass (listed here), or reported with its line.
struct FortiGateReader {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// `rename OLD to NEW` anywhere in the file: FortiOS rewrites every reference to OLD.
  private var renames: [String: String] = [:]

  init(file: String) {
    self.file = file
  }

  // MARK: What is read, and what is known not to filter

  /// Sections read into the IR, by path.
  static let modeled: Set<String> = [
    "system interface", "system zone", "firewall address", "firewall addrgrp", "firewall address6",
    "firewall addrgrp6", "firewall service custom",
    "firewall service group", "firewall policy", "firewall vip", "vdom", "global",
  ]

  /// Settings that do not change which packets a policy matches or what it does with them (names, logging,
  /// content-inspection profiles that act on traffic a policy already accepted, GUI attributes).
  static let policyIrrelevant: Set<String> = [
    "name", "uuid", "comments", "logtraffic", "logtraffic-start", "log-http-transaction", "global-label", "label",
    "utm-status", "inspection-mode", "profile-type", "profile-group", "av-profile", "webfilter-profile",
    "dnsfilter-profile", "emailfilter-profile", "dlp-sensor", "file-filter-profile", "ips-sensor",
    "application-list", "voip-profile", "icap-profile", "cifs-profile", "waf-profile", "ssh-filter-profile",
    "profile-protocol-options", "ssl-ssh-profile", "traffic-shaper", "traffic-shaper-reverse", "per-ip-shaper",
    "auto-asic-offload", "np-acceleration", "capture-packet", "match-vip-only", "wanopt", "webcache",
    "session-ttl", "vlan-cos-fwd", "vlan-cos-rev", "tos", "tos-mask", "tos-negate", "anti-replay",
    "timeout-send-rst", "block-notification", "disclaimer", "natip", "diffserv-forward", "diffserv-reverse",
    "fsso-agent-for-ntlm", "rtp-nat", "permit-any-host", "permit-stun-host", "fixedport", "poolname", "ippool",
    "natinbound", "natoutbound", "central-nat", "color", "status", "schedule-timeout", "identity-based-route",
  ]

  /// Settings of a policy that restrict it by something that is not a packet header (who is logged in, which
  /// application or site): not modeled, so the policy is assumed to match when it accepts (docs/firewall-engine.md).
  static let policyUnmodeled: Set<String> = [
    "groups", "users", "fsso-groups", "application", "app-category", "app-group", "url-category",
    "internet-service-id", "internet-service-name", "internet-service-group", "internet-service-custom",
    "internet-service-custom-group", "internet-service-src-id", "internet-service-src-name",
    "internet-service-src-group", "internet-service-src-custom", "internet-service-src-custom-group",
    "src-vendor-mac", "ztna-status", "ztna-ems-tag", "ztna-geo-tag", "devices", "reputation-minimum",
    "reputation-direction",
  ]

  // MARK: Reading

  mutating func read(_ tree: FortiConfigTree) -> FortiGateConfig {
    func collect(_ sections: [FortiConfigTree.Section]) {
      for section in sections {
        for (old, new) in section.renames { renames[old] = new }
        collect(section.sections + section.entries.flatMap(\.sections))
      }
    }
    collect(tree.sections)
    var config = FortiGateConfig()
    let vdomSections = tree.sections.filter { $0.name == "vdom" }
    let perVDOM = vdomSections.flatMap(\.entries).filter { !$0.sections.isEmpty }
    if perVDOM.isEmpty {
      var vdom = FortiGateConfig.VDOM(name: "root")
      for section in tree.sections where section.name != "vdom" { read(section, into: &vdom) }
      config.vdoms = [vdom]
    } else {
      config.multiVDOM = true
      var global = FortiGateConfig.VDOM(name: "global")
      for section in tree.sections where section.name == "global" {
        for inner in section.sections { read(inner, into: &global) }
      }
      var interfacesOf: [String: [String]] = [:]
      for section in tree.sections where section.name == "global" {
        for inner in section.sections where inner.name == "system interface" {
          for entry in inner.entries {
            interfacesOf[entry.setting("vdom")?.values.first ?? "root", default: []].append(entry.name)
          }
        }
      }
      var seen: Set<String> = []
      for entry in perVDOM where seen.insert(entry.name).inserted {
        var vdom = FortiGateConfig.VDOM(name: entry.name)
        vdom.interfaces = interfacesOf[entry.name] ?? []
        for section in perVDOM.filter({ $0.name == entry.name }).flatMap(\.sections) { read(section, into: &vdom) }
        config.vdoms.append(vdom)
      }
      for section in tree.sections where section.name != "vdom" && section.name != "global" {
        note(section, "outside 'config global' and 'config vdom' in a configuration with VDOMs; not evaluated")
      }
    }
    return config
  }

  private mutating func note(_ section: FortiConfigTree.Section, _ why: String) {
    diagnostics.append(
      Diagnostic(
        .note, .fortiSectionNotEvaluated, "config \(section.name) (lines \(section.line)–\(section.endLine)): \(why)",
        at: location(section.line)))
  }

  /// References after renames (a chain of renames followed to its end).
  private func renamed(_ names: [String]) -> [String] {
    names.map { name in
      var current = name
      var steps = 0
      while let next = renames[current], steps < 64 {
        current = next
        steps += 1
      }
      return current
    }
  }

  private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  private mutating func warn(_ line: Int, _ code: FirewallDiagnosticCode, _ message: String) {
    diagnostics.append(Diagnostic(.warning, code, message, at: location(line)))
  }

  private mutating func read(_ section: FortiConfigTree.Section, into vdom: inout FortiGateConfig.VDOM) {
    switch section.name {
    case "system interface":
      for entry in section.entries {
        vdom.interfaces.append(renamed([entry.name])[0])
        for inner in entry.sections { note(inner, "inside an interface; does not decide which packets pass") }
      }
    case "system zone":
      for entry in section.entries {
        let zone = FortiGateConfig.Zone(
          name: entry.name, interfaces: renamed(entry.setting("interface")?.values ?? []),
          intrazoneAllow: entry.setting("intrazone")?.values.first == "allow", line: entry.line)
        vdom.zones[renamed([entry.name])[0]] = zone
        unknownSettings(entry, known: ["interface", "intrazone", "description", "tagging"], in: section)
      }
    case "firewall address":
      for entry in section.entries { vdom.addresses[renamed([entry.name])[0]] = address(entry, in: section) }
    case "firewall address6":
      for entry in section.entries { vdom.addresses6[renamed([entry.name])[0]] = address6(entry, in: section) }
    case "firewall addrgrp6":
      for entry in section.entries {
        vdom.groups6[entry.name] = FortiGateConfig.AddressGroup(
          name: entry.name, members: entry.setting("member")?.values ?? [], excluded: [], line: entry.line)
        unknownSettings(
          entry, known: ["member", "uuid", "comment", "color", "visibility", "fabric-object"], in: section)
      }
    case "firewall addrgrp":
      for entry in section.entries {
        let exclude = entry.setting("exclude")?.values.first == "enable"
        vdom.groups[renamed([entry.name])[0]] = FortiGateConfig.AddressGroup(
          name: entry.name, members: renamed(entry.setting("member")?.values ?? []),
          excluded: exclude ? renamed(entry.setting("exclude-member")?.values ?? []) : [], line: entry.line)
        unknownSettings(
          entry,
          known: [
            "member", "exclude", "exclude-member", "uuid", "comment", "color", "visibility",
            "allow-routing", "fabric-object", "category", "type",
          ], in: section)
      }
    case "firewall service custom":
      for entry in section.entries { vdom.services[renamed([entry.name])[0]] = service(entry, in: section) }
    case "firewall service group":
      for entry in section.entries {
        vdom.serviceGroups[renamed([entry.name])[0]] = FortiGateConfig.ServiceGroup(
          name: entry.name, members: renamed(entry.setting("member")?.values ?? []), line: entry.line)
        unknownSettings(
          entry, known: ["member", "comment", "color", "proxy", "fabric-object", "uuid"], in: section)
      }
    case "firewall policy":
      vdom.policyLine = section.line
      for entry in section.entries { vdom.policies.append(policy(entry, vdom: &vdom)) }
    case "firewall policy6":
      if !section.entries.isEmpty {
        vdom.hasIPv6Policy = true
        warn(
          section.line, .fortiNotModeled,
          "config firewall policy6 (\(section.entries.count) policies) is not modeled: IPv6 is evaluated as "
            + "allowed (over-approximates what passes)")
      }
    case "firewall vip":
      for entry in section.entries { vdom.virtualIPs[renamed([entry.name])[0]] = virtualIP(entry) }
    case "firewall local-in-policy", "firewall local-in-policy6":
      if !section.entries.isEmpty {
        note(section, "filters traffic to the FortiGate itself, not through it; not evaluated")
      }
    case "firewall DoS-policy", "firewall DoS-policy6", "firewall interface-policy", "firewall multicast-policy",
      "firewall proxy-policy", "firewall security-policy", "firewall shaping-policy", "firewall central-snat-map",
      "firewall vipgrp", "firewall ippool":
      if !section.entries.isEmpty || !section.settings.isEmpty {
        warn(section.line, .fortiNotModeled, "config \(section.name) is not modeled")
      }
    default:
      note(section, "does not decide which packets a firewall policy passes; not evaluated")
    }
  }

  /// Reports each setting of an entry that is neither read nor known to be irrelevant, one diagnostic per key.
  private mutating func unknownSettings(
    _ entry: FortiConfigTree.Entry, known: Set<String>, in section: FortiConfigTree.Section
  ) {
    for setting in entry.settings where !known.contains(setting.key) {
      warn(
        setting.line, .fortiNotModeled,
        "config \(section.name) / edit \(entry.name): 'set \(setting.key)' is not modeled")
    }
    for inner in entry.sections { note(inner, "inside \(section.name) \(entry.name); not evaluated") }
  }

  // MARK: Objects

  private mutating func address(_ entry: FortiConfigTree.Entry, in section: FortiConfigTree.Section)
    -> FortiGateConfig.Address
  {
    unknownSettings(
      entry,
      known: [
        "type", "subnet", "start-ip", "end-ip", "fqdn", "country", "wildcard", "wildcard-fqdn", "uuid",
        "comment", "color", "visibility", "associated-interface", "allow-routing", "fabric-object", "cache-ttl",
        "list", "tagging", "sdn", "interface", "sub-type", "obj-type", "macaddr",
      ], in: section)
    let type = entry.setting("type")?.values.first ?? "ipmask"
    func unmodeled(_ why: String) -> FortiGateConfig.Address {
      warn(entry.line, .fortiNotModeled, "address \(entry.name): \(why); a policy naming it is not exact")
      return FortiGateConfig.Address(name: entry.name, value: .unmodeled(why), line: entry.line)
    }
    switch type {
    case "ipmask", "interface-subnet":
      // An ipmask address without a subnet is 0.0.0.0/0 (FortiOS's default value).
      let values = entry.setting("subnet")?.values ?? ["0.0.0.0", "0.0.0.0"]
      guard let range = FortiGateValues.subnet(values) else {
        warn(entry.setting("subnet")?.line ?? entry.line, .syntax, "address \(entry.name): subnet not understood")
        return FortiGateConfig.Address(name: entry.name, value: .unmodeled("subnet not understood"), line: entry.line)
      }
      return FortiGateConfig.Address(name: entry.name, value: .ranges([range]), line: entry.line)
    case "iprange":
      guard let first = entry.setting("start-ip")?.values.first.flatMap(IPAddress.init),
        let last = entry.setting("end-ip")?.values.first.flatMap(IPAddress.init) ?? Optional(first),
        let range = AddressRange(first: first, last: last)
      else {
        return unmodeled("iprange without a readable start-ip/end-ip")
      }
      return FortiGateConfig.Address(name: entry.name, value: .ranges([range]), line: entry.line)
    case "fqdn": return unmodeled("fqdn \(entry.setting("fqdn")?.values.first ?? "?") is resolved at run time")
    case "geography": return unmodeled("geography (country \(entry.setting("country")?.values.first ?? "?"))")
    case "wildcard": return unmodeled("wildcard mask")
    default: return unmodeled("address type \(type)")
    }
  }

  private mutating func address6(_ entry: FortiConfigTree.Entry, in section: FortiConfigTree.Section)
    -> FortiGateConfig.Address
  {
    unknownSettings(
      entry,
      known: [
        "type", "ip6", "start-ip", "end-ip", "fqdn", "country", "uuid", "comment", "color", "visibility",
        "fabric-object", "cache-ttl", "list", "tagging", "sdn", "host-type", "host", "obj-id", "template",
      ],
      in: section)
    let type = entry.setting("type")?.values.first ?? "ipprefix"
    var value: FortiGateConfig.Address.Value = .unmodeled("address6 type \(type)")
    switch type {
    case "ipprefix":
      // An ipprefix address without ip6 is ::/0 (FortiOS's default value).
      let text = entry.setting("ip6")?.values.first ?? "::/0"
      if let network = IPNetwork(text), network.address.family == .v6 {
        value = .ranges([AddressRange(network)])
      } else {
        value = .unmodeled("ip6 \(text) not understood")
      }
    case "iprange":
      if let first = entry.setting("start-ip")?.values.first.flatMap(IPAddress.init),
        let last = entry.setting("end-ip")?.values.first.flatMap(IPAddress.init),
        let range = AddressRange(first: first, last: last)
      {
        value = .ranges([range])
      }
    default: break
    }
    if case .unmodeled(let why) = value {
      warn(entry.line, .fortiNotModeled, "address6 \(entry.name): \(why); a policy naming it is not exact")
    }
    return FortiGateConfig.Address(name: entry.name, value: value, line: entry.line, kind: "address6")
  }

  private mutating func service(_ entry: FortiConfigTree.Entry, in section: FortiConfigTree.Section)
    -> FortiGateConfig.Service
  {
    unknownSettings(
      entry,
      known: [
        "protocol", "tcp-portrange", "udp-portrange", "sctp-portrange", "icmptype", "icmpcode",
        "protocol-number", "category", "comment", "color", "visibility", "proxy", "app-service-type", "helper",
        "session-ttl", "check-reset-range", "tcp-halfclose-timer", "tcp-halfopen-timer", "tcp-timewait-timer",
        "udp-idle-timer", "iprange", "fqdn", "uuid", "fabric-object", "app-category", "application",
      ],
      in: section)
    let proto = entry.setting("protocol")?.values.first ?? "TCP/UDP/SCTP"
    var service = FortiGateConfig.Service(name: entry.name, entries: [], line: entry.line)
    switch proto.uppercased() {
    case "TCP/UDP/SCTP":
      for (key, number) in [("tcp-portrange", UInt8(6)), ("udp-portrange", 17), ("sctp-portrange", 132)] {
        guard let setting = entry.setting(key) else { continue }
        for value in setting.values {
          guard let (destination, source) = FortiGateValues.portRange(value) else {
            warn(setting.line, .syntax, "service \(entry.name): port range '\(value)' not understood; ignored")
            continue
          }
          service.entries.append(.ports(number, destination: [destination], source: source.map { [$0] } ?? []))
        }
      }
      if let restricted = entry.setting("iprange") ?? entry.setting("fqdn"),
        restricted.values.first.map({ $0 != "0.0.0.0" }) ?? false
      {
        service.unmodeled = "restricted to destination \(restricted.values.joined(separator: " "))"
      }
    case "ICMP", "ICMP6":
      let family: IPAddress.Family = proto.uppercased() == "ICMP" ? .v4 : .v6
      let type = entry.setting("icmptype")?.values.first.flatMap { UInt8($0) }
      let code = entry.setting("icmpcode")?.values.first.flatMap { UInt8($0) }
      service.entries = [.icmp(family, type: type, code: code)]
    case "IP":
      let number = entry.setting("protocol-number")?.values.first.flatMap { UInt8($0) } ?? 0
      service.entries = [.ip(number == 0 ? nil : number)]
    default:
      service.unmodeled = "protocol \(proto) (an explicit-proxy service)"
    }
    if let why = service.unmodeled {
      warn(entry.line, .fortiNotModeled, "service \(entry.name): \(why) is not modeled")
    }
    return service
  }

  private mutating func virtualIP(_ entry: FortiConfigTree.Entry) -> FortiGateConfig.VirtualIP {
    let external = (entry.setting("extip")?.values ?? []).compactMap(FortiGateValues.addressRange)
    let mapped = (entry.setting("mappedip")?.values ?? []).compactMap(FortiGateValues.addressRange)
    let vip = FortiGateConfig.VirtualIP(
      name: entry.name, external: external, mapped: mapped, interface: entry.setting("extintf")?.values.first,
      line: entry.line)
    warn(
      entry.line, .translationNotModeled,
      "vip \(entry.name) translates \(external.map(\.description).joined(separator: ",")) to "
        + "\(mapped.map(\.description).joined(separator: ",")); NAT is recorded, not applied: a policy naming it "
        + "is evaluated on the external address")
    return vip
  }

  // MARK: Policies

  private mutating func policy(_ entry: FortiConfigTree.Entry, vdom: inout FortiGateConfig.VDOM)
    -> FortiGateConfig.Policy
  {
    var policy = FortiGateConfig.Policy(id: entry.name, line: entry.line)
    var keys: [String] = []
    for setting in entry.settings where !keys.contains(setting.key) { keys.append(setting.key) }
    for key in keys {
      guard let setting = entry.setting(key) else { continue }
      let values = renamed(setting.values)
      let first = values.first ?? ""
      switch setting.key {
      case "srcintf": policy.sourceInterfaces = values
      case "dstintf": policy.destinationInterfaces = values
      case "srcaddr": policy.sourceAddresses = values
      case "dstaddr": policy.destinationAddresses = values
      case "srcaddr6": policy.sourceAddresses6 = values
      case "dstaddr6": policy.destinationAddresses6 = values
      case "srcaddr-negate": policy.sourceNegated = first == "enable"
      case "dstaddr-negate": policy.destinationNegated = first == "enable"
      case "service": policy.services = values
      case "service-negate": policy.servicesNegated = first == "enable"
      case "action":
        if let action = FortiGateConfig.Policy.Action(rawValue: first) {
          policy.action = action
        } else {
          warn(setting.line, .syntax, "policy \(entry.name): action '\(first)' not understood; treated as deny")
          policy.action = .deny
        }
      case "status": policy.enabled = first != "disable"
      case "schedule": policy.schedule = first
      case "name": policy.name = first
      case "nat":
        if first == "enable" {
          diagnostics.append(
            Diagnostic(
              .note, .translationNotModeled,
              "policy \(entry.name): source NAT is recorded, not applied (the filter sees the original source)",
              at: location(setting.line)))
        }
      case "internet-service", "internet-service-src":
        if first == "enable" { policy.unmodeled.append(("\(setting.key) (FortiGuard address database)", setting.line)) }
      case let key where FortiGateReader.policyUnmodeled.contains(key):
        policy.unmodeled.append(("\(key) \(values.joined(separator: " "))", setting.line))
      case let key where FortiGateReader.policyIrrelevant.contains(key):
        break
      default:
        warn(setting.line, .fortiNotModeled, "policy \(entry.name): 'set \(setting.key)' is not modeled")
      }
    }
    if policy.schedule != "always" {
      policy.unmodeled.append(
        ("schedule \(policy.schedule) (time-dependent)", entry.setting("schedule")?.line ?? entry.line))
    }
    for inner in entry.sections { note(inner, "inside policy \(entry.name); not evaluated") }
    return policy
  }
}
