import BulkheadModel

/// Reads the IOS / IOS-XE command tree into ``CiscoIOSConfig``, accounting for every line: a command is read,
/// known not to decide which packets are forwarded (reported as a note with its lines), or reported as not
/// interpreted.
///
/// Syntax: Cisco IOS Security Command Reference (`ip access-list`, `access-list`, `permit`/`deny`, `evaluate`,
/// `object-group`, `ip access-group`, `ipv6 traffic-filter`, `zone security`, `zone-pair security`,
/// `class-map type inspect`, `policy-map type inspect`). NX-OS-style lists (`ip access-list NAME` with prefixes)
/// and the object groups aerleon writes (`net-group`, `port-group`) are read too.
struct CiscoIOSReader: CiscoDiagnosing {
  let file: String
  var diagnostics: [Diagnostic] = []
  var account = CiscoLineAccount()
  var config = CiscoIOSConfig()
  /// Remarks waiting for the next entry of their list.
  var remarks: [String: [String]] = [:]

  init(file: String) {
    self.file = file
  }

  /// Top-level commands that do not decide which packets are forwarded: device management, routing and route
  /// filters (which interface a packet leaves by comes from the plant model), VPN set-up, QoS, services of the box.
  static let notFiltering: Set<String> = [
    "version", "service", "hostname", "boot-start-marker", "boot-end-marker", "boot", "aaa", "enable", "username",
    "clock", "logging", "snmp-server", "snmp", "ntp", "line", "control-plane", "router", "route-map", "mpls",
    "multilink", "banner", "vrf", "license", "redundancy", "spanning-tree", "vlan", "crypto", "archive", "memory",
    "platform", "building", "current", "key", "track", "voice", "dial-peer", "alias", "privilege", "scheduler",
    "event", "cdp", "lldp", "udld", "vtp", "errdisable", "call-home", "diagnostic", "monitor", "policy-map",
    "class-map", "parameter-map", "ip", "ipv6", "no", "system", "username", "subscriber", "login", "transceiver",
    "wsma", "netconf-yang", "restconf", "telemetry", "power", "stack", "switch", "vstack", "file", "exception",
    "tftp-server", "security", "port-channel", "hw-module", "cts", "dot1x", "mac", "authentication", "radius",
    "tacacs", "tacacs-server", "radius-server", "management-interface", "sdm", "diagnostic", "qos", "mls",
    "segment-routing", "bfd", "l2vpn", "bridge-domain", "pseudowire-class", "ethernet", "template", "service-template",
    "flow", "sampler", "ip-sla", "telemetry", "bgp", "route-tag", "table-map", "object", "macro", "rmon",
    "access-session", "device-tracking", "nat", "feature", "cli", "power-supply", "fabric", "snmp-server", "end",
  ]

  /// `ip …` top-level commands that filter and are read; every other `ip …` command is routing or services.
  static let ipModeled: Set<String> = ["access-list", "inspect", "nat"]

  /// Interface sub-commands that do not change which packets the access groups and zones pass.
  static let interfaceIrrelevant: Set<String> = [
    "description", "speed", "duplex", "negotiation", "media-type", "mtu", "bandwidth", "switchport", "channel-group",
    "standby", "vrrp", "encapsulation", "tunnel", "load-interval", "keepalive", "cdp", "lldp", "logging", "mpls",
    "carrier-delay", "hold-queue", "arp", "delay", "shutdown", "no", "ipv6", "ip", "crypto", "service-policy",
    "spanning-tree", "storm-control", "power", "authentication", "dot1x", "mab", "udld", "flowcontrol",
    "macsec", "mls", "qos", "priority-queue", "wrr-queue", "rcv-queue", "snmp", "pppoe", "ppp", "dialer", "vrf",
    "bfd", "ospfv3", "isis", "clns", "vlan", "bridge-group", "xconnect", "service", "lacp", "pagp", "nameif",
    "peer", "fair-queue", "random-detect", "traffic-shape", "rate-limit", "frame-relay", "atm", "pvc", "hsrp",
    "glbp", "nat", "zone", "evpn", "dampening", "mac-address", "media", "platform", "ethernet", "device-tracking",
  ]

  // MARK: Reading

  mutating func read(_ text: CiscoConfigText) -> CiscoIOSConfig {
    // Object groups first: an entry tells a protocol group from a network group by its kind.
    for command in text.commands where command.keyword == "object-group" { readGroup(command) }
    var pending: [CiscoConfigText.Command] = []
    func flush() {
      guard let first = pending.first, let last = pending.last else { return }
      let keywords = Array(Set(pending.map { $0.words.prefix(2).joined(separator: " ").lowercased() })).sorted()
      let listed = keywords.prefix(6).joined(separator: ", ") + (keywords.count > 6 ? ", …" : "")
      report(
        .note, .iosNotFiltering, first.line...last.endLine,
        "\(listed) (lines \(first.line)–\(last.endLine)): does not decide which packets are forwarded")
      pending = []
    }
    for command in text.commands {
      let words = command.words.map { $0.lowercased() }
      let keyword = command.keyword
      let second = words.count > 1 ? words[1] : ""
      if keyword == "object-group" {
        flush()
        continue
      }
      // The commands that filter, or that name what filters.
      let reads: Bool
      switch keyword {
      case "interface", "access-list", "zone", "zone-pair", "time-range": reads = true
      case "ip": reads = Self.ipModeled.contains(second)
      case "ipv6": reads = second == "access-list"
      case "class-map", "policy-map": reads = words.contains("inspect")
      case "no":
        reads =
          second == "access-list"
          || (second == "ip" || second == "ipv6") && words.count > 2
            && words[2] == "access-list"
      default: reads = false
      }
      if !reads && Self.notFiltering.contains(keyword) {
        pending.append(command)
        continue
      }
      flush()
      switch keyword {
      case "interface": readInterface(command)
      case "access-list": readNumbered(command)
      case "ip", "ipv6":
        switch second {
        case "access-list": readNamedList(command, family: keyword == "ip" ? .v4 : .v6)
        case "inspect":
          report(
            .warning, .iosNotModeled, command.lines,
            "'\(command.text)': classic IOS firewall (CBAC) inspection is not modeled; return traffic it admits "
              + "is evaluated by the access lists alone")
        default: readNAT(command)
        }
      case "no":
        report(
          .note, .iosNotFiltering, command.lines,
          "'\(command.text)': removes an access list before it is written again; nothing to evaluate")
      case "zone": readZone(command)
      case "zone-pair": readZonePair(command)
      case "class-map": readClassMap(command)
      case "policy-map": readPolicyMap(command)
      case "time-range":
        if command.words.count > 1 { config.timeRanges[command.words[1]] = command.line }
        report(
          .note, .iosNotFiltering, command.lines,
          "time-range (lines \(command.line)–\(command.endLine)): schedules are not modeled; an entry naming it is "
            + "evaluated as always active if it permits, never if it denies")
      default:
        report(
          .warning, .iosNotModeled, command.lines,
          "'\(command.keyword)' is not an IOS command Bulkhead interprets; ignored (lines \(command.line)–"
            + "\(command.endLine))")
      }
    }
    flush()
    return config
  }

  // MARK: Interfaces

  private mutating func readInterface(_ command: CiscoConfigText.Command) {
    account.interpret(command)
    var interface = CiscoIOSConfig.Interface(name: command.rest(from: 1), line: command.line)
    for child in command.children {
      let w = child.words.map { $0.lowercased() }
      switch (child.keyword, w.count > 1 ? w[1] : "") {
      case ("ip", "access-group"), ("ipv6", "traffic-filter"):
        guard w.count == 4, w[3] == "in" || w[3] == "out" else {
          report(.error, .syntax, child.lines, "'\(child.text)': expected an access list and in or out")
          continue
        }
        interface.accessGroups.append(
          CiscoIOSConfig.AccessGroup(
            acl: child.words[2], inbound: w[3] == "in", family: child.keyword == "ip" ? .v4 : .v6, line: child.line))
      case ("ip", "inspect"):
        report(
          .warning, .iosNotModeled, child.lines,
          "interface \(interface.name): '\(child.text)' (CBAC) is not modeled; return traffic it admits is "
            + "evaluated by the access lists alone")
        continue
      case ("ip", "verify"):
        report(
          .note, .iosNotModeled, child.lines,
          "interface \(interface.name): '\(child.text)' (reverse-path check) needs routing; not modeled (the "
            + "allowed set is an over-approximation)")
        continue
      case ("zone-member", _):
        guard w.count == 3, w[1] == "security" else {
          report(.error, .syntax, child.lines, "'\(child.text)': expected 'zone-member security ZONE'")
          continue
        }
        interface.zone = child.words[2]
        interface.zoneLine = child.line
      case ("shutdown", _):
        interface.shutdown = true
      case ("no", "shutdown"):
        interface.shutdown = false
      case (let keyword, _) where Self.interfaceIrrelevant.contains(keyword):
        break
      default:
        report(
          .warning, .iosNotModeled, child.lines, "interface \(interface.name): '\(child.text)' is not interpreted")
        continue
      }
      account.interpret(child)
      for grandchild in child.children { account.interpret(grandchild) }
    }
    config.interfaces.append(interface)
  }

  // MARK: Access lists

  /// The kind of a numbered list (IOS: 1–99 and 1300–1999 standard, 100–199 and 2000–2699 extended).
  static func numberedKind(_ name: String) -> CiscoIOSConfig.AccessList.Kind? {
    guard let n = Int(name) else { return nil }
    switch n {
    case 1...99, 1300...1999: return .standard
    case 100...199, 2000...2699: return .extended
    default: return nil
    }
  }

  /// `access-list N permit|deny|remark …`, and the `access-list NAME standard|extended …` form some IOS releases
  /// (and Batfish's examples) accept.
  private mutating func readNumbered(_ command: CiscoConfigText.Command) {
    let words = command.words
    guard words.count >= 3 else {
      return report(.error, .syntax, command.lines, "'\(command.text)': an access-list entry is incomplete")
    }
    let name = words[1]
    var kind = Self.numberedKind(name)
    var start = 2
    let typeWord = words[2].lowercased()
    if typeWord == "standard" || typeWord == "extended" {
      kind = typeWord == "standard" ? .standard : .extended
      start = 3
    }
    guard let kind else {
      return report(
        .error, .syntax, command.lines,
        "access-list \(name): not a standard or extended list number, and no type given; ignored")
    }
    openList(name, kind: kind, family: .v4, line: command.line)
    account.interpret(command)
    if start < words.count {
      entry(Array(words[start...]), list: name, command: command)
    }
    for child in command.children {
      entry(child.words, list: name, command: child)
      account.interpret(child)
    }
  }

  private mutating func openList(
    _ name: String, kind: CiscoIOSConfig.AccessList.Kind, family: IPAddress.Family, line: Int
  ) {
    if config.accessLists[name] == nil {
      config.accessLists[name] = CiscoIOSConfig.AccessList(name: name, line: line, kind: kind, family: family)
      config.aclOrder.append(name)
    }
  }

  /// `ip access-list [standard|extended] NAME`, `ipv6 access-list [standard|extended] NAME` and their entries.
  private mutating func readNamedList(_ command: CiscoConfigText.Command, family: IPAddress.Family) {
    var words = Array(command.words.dropFirst(2))
    var kind: CiscoIOSConfig.AccessList.Kind = .extended
    if let first = words.first?.lowercased(),
      ["standard", "extended", "resequence", "logging", "role-based"]
        .contains(first)
    {
      if first == "standard" || first == "extended" {
        kind = first == "standard" ? .standard : .extended
        words.removeFirst()
      } else {
        return report(.note, .iosNotFiltering, command.lines, "'\(command.text)': does not filter")
      }
    }
    guard let name = words.first else {
      return report(.error, .syntax, command.lines, "'\(command.text)': the access list has no name")
    }
    openList(name, kind: kind, family: family, line: command.line)
    account.interpret(command)
    if words.count > 1 { entry(Array(words.dropFirst()), list: name, command: command) }
    for child in command.children {
      entry(child.words, list: name, command: child)
      account.interpret(child)
      for grandchild in child.children {
        report(.warning, .iosNotModeled, grandchild.lines, "'\(grandchild.text)' is not interpreted")
      }
    }
  }

  /// One line of a list: `[SEQ] permit|deny …`, `remark …`, `evaluate NAME`, `statistics …`.
  private mutating func entry(_ words: [String], list name: String, command: CiscoConfigText.Command) {
    var words = words
    if let first = words.first, Int(first) != nil { words.removeFirst() }
    if words.first?.lowercased() == "sequence", words.count > 1, Int(words[1]) != nil { words.removeFirst(2) }
    if words.count >= 2, words[words.count - 2].lowercased() == "sequence", Int(words[words.count - 1]) != nil {
      words.removeLast(2)
    }
    guard let keyword = words.first?.lowercased(), var list = config.accessLists[name] else {
      return report(.error, .syntax, command, "access-list \(name): empty entry")
    }
    switch keyword {
    case "remark":
      remarks[name, default: []].append(words.dropFirst().joined(separator: " "))
      return
    case "statistics", "fragments":
      return report(.note, .iosNotFiltering, command, "'\(command.text)': does not change what the list matches")
    case "evaluate":
      guard words.count == 2 else {
        return report(.error, .syntax, command, "'evaluate' takes the name of a reflexive list")
      }
      var entry = CiscoIOSConfig.Entry(acl: name, line: command.line, text: command.text, permit: true)
      entry.evaluate = words[1]
      list.entries.append(entry)
    case "permit", "deny":
      var parsed: CiscoIOSConfig.Entry
      let result =
        list.kind == .standard
        ? standardEntry(Array(words.dropFirst()), list: list, command: command)
        : extendedEntry(Array(words.dropFirst()), list: list, command: command)
      switch result {
      case .success(let entry): parsed = entry
      case .failure(let error):
        report(
          .error, .syntax, command,
          "access-list \(name): \(error.message); the entry is kept as a condition Bulkhead cannot state (assumed "
            + "to match if it permits, not to match if it denies)")
        parsed = CiscoIOSConfig.Entry(acl: name, line: command.line, text: command.text, permit: keyword == "permit")
        parsed.unmodeled = ["unparsed entry"]
      }
      parsed.permit = keyword == "permit"
      parsed.remarks = remarks.removeValue(forKey: name) ?? []
      list.entries.append(parsed)
    case "dynamic":
      report(
        .warning, .iosNotModeled, command,
        "access-list \(name): dynamic (lock-and-key) entries are not modeled; the entry is ignored")
      return
    default:
      return report(.error, .syntax, command, "access-list \(name): '\(words[0])' is not permit, deny or remark")
    }
    config.accessLists[name] = list
  }

  /// `SOURCE [WILDCARD] [log]` of a standard entry.
  private mutating func standardEntry(
    _ words: [String], list: CiscoIOSConfig.AccessList, command: CiscoConfigText.Command
  ) -> Result<CiscoIOSConfig.Entry, CiscoSyntaxError> {
    var index = 0
    var entry = CiscoIOSConfig.Entry(acl: list.name, line: command.line, text: command.text, permit: true)
    switch address(words, &index, family: list.family, standard: true, line: command.line) {
    case .success(let source): entry.source = source
    case .failure(let error): return .failure(error)
    }
    while index < words.count {
      switch words[index].lowercased() {
      case "log", "log-input": index += 1
      default: return .failure(CiscoSyntaxError("unexpected '\(words[index...].joined(separator: " "))'"))
      }
    }
    return .success(entry)
  }
}
