import BulkheadModel

/// Reads a `config.xml` tree into a ``PfSenseConfig``: every element is read, listed as known not to decide which
/// packets pass (one BH490 note per kind), or reported at its line (BH491 not modeled).
///
/// Element names and meanings follow pfSense's `filter.inc` (rule, alias and interface fields) and OPNsense's
/// `FilterRule.php` (its `quick` default); the lowering turns them into pf semantics.
struct PfSenseReader {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Lines of elements read into the configuration.
  var readLines: Set<Int> = []
  /// Lines of elements known not to decide which packets pass.
  var ignoredLines: Set<Int> = []
  private var ignoredKinds: [String: Int] = [:]

  init(file: String) {
    self.file = file
  }

  /// Top-level sections that do not decide which packets a filter rule passes (services, logging, certificates,
  /// routing, the GUI).
  static let notDeciding: Set<String> = [
    "version", "lastchange", "revision", "theme", "sysctl", "dhcpd", "dhcpdv6", "dhcrelay", "dhcrelay6", "snmpd",
    "syslog", "diag", "widgets", "cron", "wol", "rrd", "rrddata", "ntpd", "cert", "ca", "crl", "notifications",
    "sshdata", "unbound", "dnsmasq", "dnshaper", "shaper", "gateways", "staticroutes", "ppps", "vlans", "laggs",
    "gifs", "gres", "qinqs", "wireless", "load_balancer", "proxyarp", "voucher", "dyndnses", "dnsupdates", "hasync",
    "igmpproxy", "unbound_acls", "trust", "ifgroups_sequence", "dnsleases", "sensors", "ovpnserver", "virtualipv6",
    "pptpd", "l2tp", "pppoes", "radius", "user", "group", "ntpd_sync", "hostapd", "kea", "monit", "upnp",
  ]

  /// Sections that can change what passes and are not modeled.
  static let notModeled: [String: String] = [
    "openvpn": "OpenVPN instances (their interfaces and rules)",
    "ipsec": "IPsec tunnels (the enc0 interface and its rules)",
    "captiveportal": "the captive portal (it passes authenticated clients)",
    "bridges": "bridges (bridged members filter per member)",
    "installedpackages": "installed packages (pfBlockerNG and others add rules at run time)",
  ]

  private mutating func ignore(_ element: XMLTree.Element, as kind: String) {
    for e in element.subtree { ignoredLines.insert(e.line) }
    if ignoredKinds[kind] == nil { ignoredKinds[kind] = element.line }
  }

  private mutating func mark(_ element: XMLTree.Element) { readLines.insert(element.line) }

  private mutating func report(
    _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode, _ message: String, at line: Int
  ) {
    diagnostics.append(Diagnostic(severity, code, message, at: SourceLocation(file: file, line: line)))
  }

  mutating func read(_ root: XMLTree.Element) -> PfSenseConfig {
    var config = PfSenseConfig()
    config.product = root.name == "opnsense" ? "OPNsense" : "pfSense"
    config.rootLine = root.line
    mark(root)
    for section in root.children {
      switch section.name {
      case "system": readSystem(section, into: &config)
      case "interfaces": readInterfaces(section, into: &config)
      case "aliases":
        mark(section)
        for alias in section.children {
          guard alias.name == "alias" else {
            unknown(alias, in: "aliases")
            continue
          }
          readAlias(alias, opnsense: false, into: &config)
        }
      case "filter": readFilter(section, into: &config)
      case "ifgroups": readGroups(section, into: &config)
      case "nat": readNAT(section, into: &config)
      case "virtualip":
        readVirtualIPs(section, into: &config)
        if !section.children.isEmpty { config.usesCARP = true }
      case "schedules": ignore(section, as: "schedules (a rule naming one is reported at the rule)")
      case "OPNsense": readOPNsense(section, into: &config)
      default:
        if (section.name == "hasync" || section.name == "virtualip") && !section.children.isEmpty {
          config.usesCARP = true
        }
        if Self.notDeciding.contains(section.name) {
          ignore(section, as: "services, routing and system sections")
        } else if let what = Self.notModeled[section.name] {
          for e in section.subtree { ignoredLines.insert(e.line) }
          if !section.children.isEmpty || !section.text.isEmpty {
            report(.warning, .pfNotModeled, "<\(section.name)>: \(what) are not modeled", at: section.line)
          }
        } else {
          for e in section.subtree { ignoredLines.insert(e.line) }
          report(
            .warning, .pfNotModeled,
            "<\(section.name)>: a section Bulkhead does not know; assumed not to change which packets pass",
            at: section.line)
        }
      }
    }
    for (kind, line) in ignoredKinds.sorted(by: { $0.value < $1.value }) {
      report(.note, .pfNotEvaluated, "\(kind): do not decide which packets pass; not evaluated", at: line)
    }
    return config
  }

  private mutating func unknown(_ element: XMLTree.Element, in parent: String) {
    for e in element.subtree { ignoredLines.insert(e.line) }
    report(
      .warning, .pfNotModeled, "<\(element.name)> in <\(parent)> is not known; not evaluated", at: element.line)
  }

  // MARK: System, interfaces, groups

  private mutating func readSystem(_ system: XMLTree.Element, into config: inout PfSenseConfig) {
    mark(system)
    config.systemLine = system.line
    for setting in system.children {
      switch setting.name {
      case "ipv6allow":
        // pfSense writes <ipv6allow/> (or a value) when IPv6 is allowed; OPNsense writes 1 or 0.
        mark(setting)
        if setting.text != "0" { config.ipv6AllowLine = setting.line }
      case "no_apipa_block":
        mark(setting)
        config.noAPIPABlockLine = setting.line
      case "disablefilter":
        mark(setting)
        config.disableFilterLine = setting.line
      default: ignore(setting, as: "system settings (host name, GUI, users, time, tunables)")
      }
    }
  }

  private mutating func readInterfaces(_ section: XMLTree.Element, into config: inout PfSenseConfig) {
    mark(section)
    for element in section.children {
      mark(element)
      var interface = PfSenseConfig.Interface(key: element.name, enabled: false, line: element.line)
      var address: String?
      var prefix: String?
      var address6: String?
      var prefix6: String?
      for field in element.children {
        switch field.name {
        case "if":
          mark(field)
          interface.device = field.text.isEmpty ? nil : field.text
        case "descr":
          mark(field)
          interface.description = field.text
        case "enable":
          mark(field)
          interface.enabled = field.text != "0"
        case "ipaddr":
          mark(field)
          address = field.text
        case "subnet":
          mark(field)
          prefix = field.text
        case "ipaddrv6":
          mark(field)
          address6 = field.text
        case "subnetv6":
          mark(field)
          prefix6 = field.text
        case "track6-interface":
          mark(field)
          if address6 == nil || address6 == "" { address6 = "track6" }
        case "blockpriv":
          mark(field)
          if field.text != "0" { interface.blockPrivate = field.line }
        case "blockbogons":
          mark(field)
          if field.text != "0" { interface.blockBogons = field.line }
        case "spoofcheck":
          mark(field)
          report(
            .note, .pfNotModeled, "spoofcheck: pf antispoof is modeled for every interface with an address",
            at: field.line)
        default: ignore(field, as: "interface settings (media, MTU, DHCP client options, gateways)")
        }
      }
      interface.v4 = Self.address(address, prefix: prefix, family: .v4)
      interface.v6 = Self.address(address6, prefix: prefix6, family: .v6)
      interface.isDHCPClient = address == "dhcp"
      if case .runtime(let how) = interface.v4, address != nil, !["dhcp", "pppoe", "pptp", "l2tp"].contains(how) {
        report(
          .warning, .syntax, "interface \(element.name): ipaddr '\(how)' is not an address; taken as unknown",
          at: element.line)
      }
      config.interfaces.append(interface)
    }
  }

  /// An interface address as configured: a static address with a prefix, none, or one learned at run time.
  static func address(_ text: String?, prefix: String?, family: IPAddress.Family) -> PfSenseConfig.Interface.Address {
    guard let text, !text.isEmpty, text != "none" else { return .none }
    if let ip = IPAddress(text), ip.family == family {
      let length = prefix.flatMap { Int($0) } ?? family.bitWidth
      guard (0...family.bitWidth).contains(length) else { return .runtime(text) }
      return .configured(ip, prefix: length)
    }
    return .runtime(text)
  }

  private mutating func readGroups(_ section: XMLTree.Element, into config: inout PfSenseConfig) {
    mark(section)
    for entry in section.children {
      guard entry.name == "ifgroupentry" else {
        unknown(entry, in: "ifgroups")
        continue
      }
      mark(entry)
      var name: String?
      var members: [String] = []
      for field in entry.children {
        switch field.name {
        case "ifname":
          mark(field)
          name = field.text
        case "members":
          mark(field)
          members = field.text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        default: ignore(field, as: "interface group descriptions")
        }
      }
      if let name, !name.isEmpty { config.groups[name] = (members, entry.line) }
    }
  }

  private mutating func readNAT(_ section: XMLTree.Element, into config: inout PfSenseConfig) {
    for e in section.subtree { ignoredLines.insert(e.line) }
    func rule(_ element: XMLTree.Element, _ kind: AddressTranslation.Kind) -> PfSenseConfig.NATRule? {
      if element.child("disabled") != nil {
        report(.note, .pfDisabled, "disabled NAT rule: not loaded", at: element.line)
        return nil
      }
      let side = element.child(kind == .destination ? "destination" : "source")
      var endpoint = PfSenseConfig.Endpoint(line: element.line)
      if let side {
        if let network = side.value("network") { endpoint.target = .network(network) }
        if let address = side.value("address") { endpoint.target = .address(address) }
        endpoint.negated = side.child("not") != nil
        endpoint.port = side.value("port")
      }
      return PfSenseConfig.NATRule(
        kind: kind, interface: element.value("interface"), protocolName: element.value("protocol"),
        original: endpoint, target: element.value("target"), localPort: element.value("local-port"),
        line: element.line)
    }
    for kind in section.children {
      switch kind.name {
      case "rule":
        let pass = kind.value("associated-rule-id") == "pass"
        report(
          .warning, .translationNotModeled,
          "port forward (NAT rdr) not applied: filter rules are evaluated on the addresses they see"
            + (pass
              ? "; its filter rule is 'pass' (rdr pass), which passes the forwarded traffic without any "
                + "filter rule: not modeled" : ""),
          at: kind.line)
        if let nat = rule(kind, .destination) { config.nat.append(nat) }
      case "outbound":
        for element in kind.children(named: "rule") {
          report(
            .note, .translationNotModeled, "outbound NAT rule: source translation, not applied", at: element.line)
          if let nat = rule(element, .source) { config.nat.append(nat) }
        }
      case "onetoone", "npt":
        report(.warning, .translationNotModeled, "\(kind.name) NAT: not applied", at: kind.line)
      default: break
      }
    }
  }

  /// `<virtualip><vip>`: mode, interface (or `_vip<uniqid>` for an IP alias stacked on a CARP address), address.
  private mutating func readVirtualIPs(_ section: XMLTree.Element, into config: inout PfSenseConfig) {
    mark(section)
    var byID: [String: String] = [:]
    for vip in section.children(named: "vip") {
      if let id = vip.value("uniqid"), let interface = vip.value("interface") { byID[id] = interface }
    }
    for vip in section.children {
      guard vip.name == "vip" else {
        unknown(vip, in: "virtualip")
        continue
      }
      mark(vip)
      for field in vip.children {
        switch field.name {
        case "mode", "interface", "subnet", "subnet_bits", "uniqid": mark(field)
        default: ignore(field, as: "virtual IP settings (CARP vhid, skew, password, description)")
        }
      }
      let mode = vip.value("mode") ?? ""
      var interface = vip.value("interface") ?? ""
      if interface.hasPrefix("_vip"), let parent = byID[String(interface.dropFirst(4))] { interface = parent }
      guard let address = vip.value("subnet").flatMap({ IPAddress($0) }) else {
        report(.warning, .syntax, "virtual IP without an address in <subnet>; ignored", at: vip.line)
        continue
      }
      let prefix = vip.value("subnet_bits").flatMap { Int($0) } ?? address.family.bitWidth
      let entry = PfSenseConfig.VirtualIP(
        mode: mode, interface: interface, address: address, prefix: min(max(prefix, 0), address.family.bitWidth),
        line: vip.line)
      if !entry.isOnInterface {
        report(
          .note, .pfNotEvaluated,
          "\(mode) virtual IP \(address): answers ARP only, not an address of \(interface) (not in its net or (self))",
          at: vip.line)
      }
      config.virtualIPs.append(entry)
    }
  }

  // MARK: Aliases

  private mutating func readAlias(_ element: XMLTree.Element, opnsense: Bool, into config: inout PfSenseConfig) {
    mark(element)
    var name = ""
    var type = ""
    var entries: [String] = []
    var enabled = true
    for field in element.children {
      switch field.name {
      case "name":
        mark(field)
        name = field.text
      case "type":
        mark(field)
        type = field.text
      case "address":
        mark(field)
        entries += field.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
      case "content":
        mark(field)
        entries += field.text.split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == " " }).map(String.init)
      case "enabled":
        mark(field)
        enabled = field.text != "0"
      case "url", "aliasurl", "updatefreq", "proto", "interface", "path_expression", "authtype", "username",
        "password", "expire":
        mark(field)
      default: ignore(field, as: "alias descriptions and details")
      }
    }
    guard !name.isEmpty else {
      report(.warning, .syntax, "an alias without a name; ignored", at: element.line)
      return
    }
    guard enabled else {
      report(.note, .pfDisabled, "alias \(name) is disabled: a rule naming it does not load", at: element.line)
      return
    }
    config.aliases[name] = PfSenseConfig.Alias(name: name, type: type, entries: entries, line: element.line)
  }

  private mutating func readOPNsense(_ section: XMLTree.Element, into config: inout PfSenseConfig) {
    mark(section)
    for component in section.children {
      guard component.name == "Firewall" else {
        ignore(component, as: "OPNsense components other than the firewall (services, IDS, proxies)")
        continue
      }
      mark(component)
      for part in component.children {
        switch part.name {
        case "Alias":
          mark(part)
          for child in part.children {
            guard child.name == "aliases" else {
              ignore(child, as: "OPNsense alias settings (geoip source)")
              continue
            }
            mark(child)
            for alias in child.children { readAlias(alias, opnsense: true, into: &config) }
          }
        case "Filter":
          for e in part.subtree { ignoredLines.insert(e.line) }
          let rules = part.subtree.filter { $0.name == "rule" }
          if !rules.isEmpty {
            for rule in rules {
              report(
                .warning, .pfNotModeled,
                "OPNsense automation (MVC) filter rule: not modeled; only the <filter> rules are evaluated",
                at: rule.line)
            }
          } else {
            ignore(part, as: "OPNsense filter settings without rules")
          }
        default: ignore(part, as: "OPNsense firewall settings (categories, templates)")
        }
      }
    }
  }

  // MARK: Filter rules

  private mutating func readFilter(_ section: XMLTree.Element, into config: inout PfSenseConfig) {
    mark(section)
    config.filterLine = section.line
    for element in section.children {
      switch element.name {
      case "rule": config.rules.append(readRule(element, product: config.product))
      case "separator": ignore(element, as: "GUI separators between rules")
      case "bypassstaticroutes":
        ignoredLines.insert(element.line)
        report(
          .warning, .pfNotModeled, "bypassstaticroutes: rules passing traffic between static routes not modeled",
          at: element.line)
      default: unknown(element, in: "filter")
      }
    }
  }

  /// Rule fields that do not decide whether a packet passes (identity, logging, queues, gateways, state limits).
  static let ruleNotDeciding: Set<String> = [
    "id", "tracker", "updated", "created", "log", "associated-rule-id", "gateway", "dnpipe", "pdnpipe",
    "defaultqueue", "ackqueue", "nosync", "nopfsync", "disablereplyto", "max", "max-src-nodes", "max-src-conn",
    "max-src-states", "max-src-conn-rate", "max-src-conn-rates", "statetimeout", "category", "allowopts", "tag",
    "vlanprioset", "sloppy", "reply-to", "sequence", "label", "set-prio", "prio", "replyto", "uuid", "descr",
    "tcpflags1", "os_id", "icmp6-type",
  ]

  private mutating func readRule(_ element: XMLTree.Element, product: String) -> PfSenseConfig.FilterRule {
    mark(element)
    var rule = PfSenseConfig.FilterRule(line: element.line, lastLine: element.lastLine)
    rule.source.line = element.line
    rule.destination.line = element.line
    var tcpFlags2: String?
    var tcpFlagsAny = false
    var quickValue: String?
    for field in element.children {
      switch field.name {
      case "type":
        mark(field)
        rule.type = field.text
      case "interface":
        mark(field)
        rule.interfaces = field.text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
      case "floating":
        mark(field)
        rule.floating = field.text != "no" && field.text != "0"
      case "quick":
        mark(field)
        quickValue = field.text
      case "direction":
        mark(field)
        rule.direction = field.text
      case "ipprotocol":
        mark(field)
        rule.ipprotocol = field.text
      case "protocol":
        mark(field)
        rule.proto = field.text.lowercased()
      case "icmptype":
        mark(field)
        rule.icmpTypes = field.text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
      case "source": rule.source = readEndpoint(field)
      case "destination": rule.destination = readEndpoint(field)
      case "disabled":
        mark(field)
        rule.disabled = field.text != "0"
      case "statetype":
        mark(field)
        rule.stateType = field.text
      case "descr":
        mark(field)
        rule.description = field.text
      case "tcpflags2":
        mark(field)
        tcpFlags2 = field.text
      case "tcpflags_any":
        mark(field)
        tcpFlagsAny = true
      case "tagged", "os", "sched", "dscp", "vlanprio":
        mark(field)
        if !field.text.isEmpty && field.text != "none" {
          rule.unmodeled.append(("\(field.name) \(field.text)", field.line))
        }
      default:
        if Self.ruleNotDeciding.contains(field.name) {
          ignore(field, as: "rule fields that do not decide what passes (tracker, log, gateway, queues, limits)")
        } else {
          readLines.insert(field.line)
          rule.unmodeled.append(("<\(field.name)>", field.line))
        }
      }
    }
    if let flags = tcpFlags2, !flags.isEmpty {
      rule.unmodeled.append(("TCP flags (out of \(flags))", element.line))
    }
    if tcpFlagsAny { rule.unmodeled.append(("TCP flags any", element.line)) }
    // pfSense: a rule on an interface tab is always quick; a floating rule only with <quick>. OPNsense: <quick>
    // decides when written (empty or 0 is not quick), else every rule but a floating one is quick.
    if product == "OPNsense", let quickValue {
      rule.quick = !quickValue.isEmpty && quickValue != "0"
    } else {
      rule.quick = !rule.floating || quickValue != nil
    }
    return rule
  }

  private mutating func readEndpoint(_ element: XMLTree.Element) -> PfSenseConfig.Endpoint {
    mark(element)
    var endpoint = PfSenseConfig.Endpoint(line: element.line)
    for field in element.children {
      mark(field)
      switch field.name {
      case "any": endpoint.target = .any
      case "network": endpoint.target = .network(field.text)
      case "address": endpoint.target = .address(field.text)
      case "not": endpoint.negated = true
      case "port": endpoint.port = field.text.isEmpty ? nil : field.text
      default:
        report(
          .warning, .pfNotModeled, "<\(field.name)> in <\(element.name)> is not known; not evaluated",
          at: field.line)
      }
    }
    return endpoint
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingSpaces() -> String {
    String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
  }
}
