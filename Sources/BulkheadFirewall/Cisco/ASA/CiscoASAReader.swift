import BulkheadModel

/// Reads the ASA command tree into ``CiscoASAConfig``, accounting for every line: a command is read, known not to
/// decide which packets pass through (reported as a note with its lines), or reported as not interpreted.
///
/// Syntax: Cisco ASA Series Command Reference (`access-list extended`, `access-group`, `object`, `object-group`,
/// `nameif`, `security-level`, `same-security-traffic`, `nat`, `name`, `time-range`).
struct CiscoASAReader: CiscoDiagnosing {
  let file: String
  var diagnostics: [Diagnostic] = []
  var account = CiscoLineAccount()
  var config = CiscoASAConfig()
  /// Remarks waiting for the next entry of their list.
  var remarks: [String: [String]] = [:]

  init(file: String) {
    self.file = file
  }

  /// Top-level commands that do not decide which packets pass through the device: device management, routing (which
  /// interface a packet leaves by comes from the plant model), VPN set-up, logging, services of the box itself.
  static let notFiltering: Set<String> = [
    "asa", "hostname", "domain-name", "enable", "passwd", "username", "names", "boot", "ftp", "clock", "dns",
    "dns-group-map", "dns-group", "logging", "snmp-server", "ntp", "aaa", "aaa-server", "http", "telnet", "ssh",
    "console", "route", "router", "route-map", "prefix-list", "community-list", "crypto", "tunnel-group",
    "group-policy", "webvpn", "pager", "mtu", "failover", "monitor-interface", "icmp", "arp", "banner", "license",
    "call-home", "dynamic-access-policy-record", "prompt", "cryptochecksum:", "timeout", "user-identity", "asdm",
    "terminal", "jumbo-frame", "dhcpd", "dhcprelay", "vpdn", "ssl", "privilege", "management-access",
    "smtp-server", "auth-prompt", "password-policy", "flow-export", "wccp", "multicast-routing", "mac-address",
    "quota", "sla", "track", "object-group-search", "tftp-server", "archive", "service", "class-map", "policy-map",
    "service-policy", "firewall", "xlate", "fragment", "ip", "ipv6", "threat-detection", "priority-queue",
    "vpn-addr-assign", "configure", "mode", "context", "anyconnect", "ldap", "dynamic-filter", "compression",
    "cluster", "nve", "vxlan", "snmp-map", "tcp-map", "regex", "dhcp", "neighbor", "bgp", "clear", "no",
  ]

  /// Interface sub-commands that do not change which packets the access rules and security levels pass.
  static let interfaceIrrelevant: Set<String> = [
    "description", "speed", "duplex", "mtu", "vlan", "ip", "ipv6", "no", "channel-group", "member-interface",
    "ospf", "mac-address", "delay", "flowcontrol", "lacp", "negotiation", "media-type", "pppoe", "authentication",
    "bfd", "dhcp", "igmp", "pim", "zone", "nve-only", "port-channel", "standby", "eigrp", "rip", "bridge-group",
    "dhcprelay", "policy-route", "lldp", "hardware", "encapsulation",
  ]

  // MARK: Reading

  mutating func read(_ text: CiscoConfigText) -> CiscoASAConfig {
    // Objects, names and interfaces first: an access list tells a port group from a network group by its kind.
    for command in text.commands {
      switch command.keyword {
      case "object": readObject(command)
      case "object-group": readGroup(command)
      case "name": readName(command)
      case "interface": readInterface(command)
      case "time-range": readTimeRange(command)
      default: break
      }
    }
    var pending: [CiscoConfigText.Command] = []
    func flush() {
      guard let first = pending.first, let last = pending.last else { return }
      let keywords = Array(Set(pending.map(\.keyword))).sorted().joined(separator: ", ")
      report(
        .note, .asaNotFiltering, first.line...last.endLine,
        "\(keywords) (lines \(first.line)–\(last.endLine)): does not decide which packets pass through the device")
      pending = []
    }
    for command in text.commands {
      let keyword = command.keyword
      if ["object", "object-group", "name", "interface", "time-range"].contains(keyword) {
        flush()
        continue
      }
      if keyword == "sysopt" {
        flush()
        readSysopt(command)
        continue
      }
      if keyword == "clear" || keyword == "no", command.words.count > 1,
        ["access-list", "access-group", "same-security-traffic", "nat", "object", "object-group", "configure"]
          .contains(command.words[1].lowercased())
      {
        flush()
        if command.rest(from: 1).lowercased().hasPrefix("configure") {
          report(
            .note, .asaNotFiltering, command.lines,
            "'\(command.text)' is a command run on the device, not configuration; nothing to evaluate")
        } else {
          report(
            .warning, .asaNotModeled, command.lines,
            "'\(command.text)': removing configuration is not modeled; the command is ignored")
        }
        continue
      }
      if Self.notFiltering.contains(keyword) {
        pending.append(command)
        continue
      }
      flush()
      switch keyword {
      case "access-list": readAccessList(command)
      case "access-group": readAccessGroup(command)
      case "same-security-traffic": readSameSecurity(command)
      case "nat": readTwiceNAT(command)
      case "global", "static":
        report(
          .warning, .translationNotModeled, command.lines,
          "'\(command.text)': pre-8.3 NAT is not modeled; reachability is computed on the addresses the access "
            + "rules see")
      default:
        report(
          .warning, .asaNotModeled, command.lines,
          "'\(command.keyword)' is not an ASA command Bulkhead interprets; ignored (lines \(command.line)–"
            + "\(command.endLine))")
      }
    }
    flush()
    return config
  }

  // MARK: Interfaces, names, time ranges

  private mutating func readInterface(_ command: CiscoConfigText.Command) {
    account.interpret(command)
    var interface = CiscoASAConfig.Interface(name: command.rest(from: 1), line: command.line)
    for child in command.children {
      let words = child.words
      switch child.keyword {
      case "nameif" where words.count == 2:
        interface.nameif = words[1]
      case "security-level" where words.count == 2:
        guard let level = Int(words[1]), (0...100).contains(level) else {
          report(.error, .syntax, child, "security-level '\(words[1])' is not 0–100; the interface is level 0")
          interface.securityLevel = 0
          continue
        }
        interface.securityLevel = level
        interface.securityLevelLine = child.line
      case "shutdown":
        interface.shutdown = true
      case "management-only":
        interface.managementOnly = true
      case "ip" where words.count >= 4 && words[1].lowercased() == "address":
        if let address = IPAddress(words[2]) { interface.addresses.append(address) }
      case let keyword where Self.interfaceIrrelevant.contains(keyword):
        break
      default:
        report(
          .warning, .asaNotModeled, child.lines,
          "interface \(interface.name): '\(child.text)' is not interpreted")
        continue
      }
      account.interpret(child)
      for grandchild in child.children {
        report(.warning, .asaNotModeled, grandchild.lines, "'\(grandchild.text)' is not interpreted")
      }
    }
    if let nameif = interface.nameif,
      let other = config.interfaces.first(where: { $0.nameif?.lowercased() == nameif.lowercased() })
    {
      report(
        .error, .syntax, command,
        "nameif \(nameif) is already used by interface \(other.name) (line \(other.line)); both are evaluated")
    }
    config.interfaces.append(interface)
  }

  private mutating func readName(_ command: CiscoConfigText.Command) {
    let words = command.words
    guard words.count >= 3, let address = IPAddress(words[1]) else {
      return report(.error, .syntax, command.lines, "'\(command.text)': expected 'name ADDRESS NAME'")
    }
    config.names[words[2]] = address
    account.interpret(command)
    for child in command.children { report(.warning, .asaNotModeled, child.lines, "'\(child.text)' is not read") }
  }

  private mutating func readTimeRange(_ command: CiscoConfigText.Command) {
    guard command.words.count >= 2 else {
      return report(.error, .syntax, command.lines, "'time-range' without a name")
    }
    config.timeRanges[command.words[1]] = command.line
    report(
      .note, .asaNotFiltering, command.lines,
      "time-range \(command.words[1]) (lines \(command.line)–\(command.endLine)): schedules are not modeled; an "
        + "access-list entry naming it is evaluated as always active if it permits, never if it denies")
  }

  private mutating func readSysopt(_ command: CiscoConfigText.Command) {
    if command.rest(from: 1).lowercased().hasPrefix("connection permit-vpn") {
      report(
        .warning, .asaNotModeled, command.lines,
        "'\(command.text)': traffic decrypted from a VPN bypasses the interface access lists; VPN traffic is not "
          + "modeled")
    } else {
      report(.note, .asaNotFiltering, command.lines, "'\(command.text)': does not decide which packets pass")
    }
  }

  private mutating func readSameSecurity(_ command: CiscoConfigText.Command) {
    let words = command.words.map { $0.lowercased() }
    guard words.count == 3, words[1] == "permit", words[2] == "inter-interface" || words[2] == "intra-interface"
    else {
      return report(
        .error, .syntax, command.lines,
        "'\(command.text)': expected 'same-security-traffic permit inter-interface|intra-interface'")
    }
    if words[2] == "inter-interface" {
      config.sameSecurityInterLine = command.line
    } else {
      config.sameSecurityIntraLine = command.line
    }
    account.interpret(command)
  }

  private mutating func readAccessGroup(_ command: CiscoConfigText.Command) {
    let words = command.words
    let lower = words.map { $0.lowercased() }
    guard words.count >= 3 else {
      return report(.error, .syntax, command.lines, "'\(command.text)': expected an access list and a direction")
    }
    if lower[2] == "global" && words.count == 3 {
      config.accessGroups.append(.init(acl: words[1], direction: .global, interface: nil, line: command.line))
      account.interpret(command)
      return
    }
    guard words.count >= 5, lower[2] == "in" || lower[2] == "out", lower[3] == "interface" else {
      return report(
        .error, .syntax, command.lines,
        "'\(command.text)': expected 'access-group ACL in|out interface NAME' or 'access-group ACL global'")
    }
    if words.count > 5 {
      report(
        .note, .asaNotModeled, command,
        "'\(words[5...].joined(separator: " "))' (per-user override, control plane) is not modeled")
    }
    if lower.count > 5 && lower[5] == "control-plane" {
      report(
        .note, .asaNotFiltering, command,
        "a control-plane access group filters traffic to the device, not through it")
      return
    }
    config.accessGroups.append(
      .init(acl: words[1], direction: lower[2] == "in" ? .in : .out, interface: words[4], line: command.line))
    account.interpret(command)
  }

  // MARK: Objects

  private mutating func readObject(_ command: CiscoConfigText.Command) {
    let words = command.words
    guard words.count >= 3 else {
      return report(.error, .syntax, command.lines, "'\(command.text)': expected 'object network|service NAME'")
    }
    let name = words[2]
    switch words[1].lowercased() {
    case "network":
      account.interpret(command)
      var object = CiscoASAConfig.NetworkObject(name: name, line: command.line, ranges: nil)
      if let existing = config.networkObjects[name] { object = existing }
      for child in command.children {
        let w = child.words
        switch child.keyword {
        case "host" where w.count == 2:
          guard let address = resolveAddress(w[1]) else {
            report(.error, .syntax, child, "object \(name): '\(w[1])' is not an address")
            continue
          }
          object.ranges = [AddressRange(first: address, last: address)].compactMap { $0 }
        case "subnet" where w.count == 3 || w.count == 2:
          if w.count == 2, let prefix = CiscoAddressMask.prefix(w[1]) {
            object.ranges = [prefix.range]
          } else if w.count == 3, let mask = netmask(w[1], w[2], line: child.line) {
            object.ranges = mask
          } else {
            report(.error, .syntax, child, "object \(name): '\(child.text)' is not a subnet")
            continue
          }
        case "range" where w.count == 3:
          guard let first = resolveAddress(w[1]), let last = resolveAddress(w[2]),
            let range = AddressRange(first: first, last: last)
          else {
            report(.error, .syntax, child, "object \(name): '\(child.text)' is not an address range")
            continue
          }
          object.ranges = [range]
        case "fqdn":
          object.unmodeled = "fqdn \(child.rest(from: 1)) (resolved by DNS at run time)"
          report(
            .warning, .asaNotModeled, child,
            "object \(name): an FQDN object's addresses are not in the configuration; an entry naming it is not "
              + "exact")
          continue
        case "nat":
          readObjectNAT(child, object: object)
          continue
        case "description":
          break
        default:
          report(.warning, .asaNotModeled, child.lines, "object \(name): '\(child.text)' is not interpreted")
          continue
        }
        account.interpret(child)
      }
      config.networkObjects[name] = object
    case "service":
      account.interpret(command)
      var object = CiscoASAConfig.ServiceObject(name: name, line: command.line, services: [])
      for child in command.children {
        switch child.keyword {
        case "service":
          switch serviceWords(Array(child.words.dropFirst()), keywords: true) {
          case .success(let services): object.services = services
          case .failure(let error):
            report(.error, .syntax, child, "object service \(name): \(error.message)")
            continue
          }
        case "description": break
        default:
          report(.warning, .asaNotModeled, child.lines, "object service \(name): '\(child.text)' is not interpreted")
          continue
        }
        account.interpret(child)
      }
      config.serviceObjects[name] = object
    default:
      report(
        .warning, .asaNotModeled, command.lines,
        "object \(words[1]) \(name) (lines \(command.line)–\(command.endLine)): this object kind is not modeled")
    }
  }

  private mutating func readGroup(_ command: CiscoConfigText.Command) {
    let words = command.words
    guard words.count >= 3, let kind = CiscoASAConfig.Group.Kind(rawValue: words[1].lowercased()) else {
      let kind = command.words.count > 1 ? command.words[1] : ""
      return report(
        .warning, .asaNotModeled, command.lines,
        "object-group \(kind) (lines \(command.line)–\(command.endLine)): this group kind is not modeled; an entry "
          + "naming it is not exact")
    }
    let name = words[2]
    if let existing = config.groups[name] {
      report(
        .warning, .syntax, command,
        "object-group \(name) is defined again (first at line \(existing.line)); the members are added to it")
    }
    var group = config.groups[name] ?? CiscoASAConfig.Group(kind: kind, name: name, line: command.line)
    account.interpret(command)
    if kind == .service && words.count >= 4 {
      switch words[3].lowercased() {
      case "tcp": group.portProtocols = [6]
      case "udp": group.portProtocols = [17]
      case "tcp-udp": group.portProtocols = [6, 17]
      default: report(.error, .syntax, command, "object-group service \(name): unknown protocol '\(words[3])'")
      }
    }
    for child in command.children {
      let w = child.words
      let member: Result<Void, CiscoSyntaxError>
      switch (kind, child.keyword) {
      case (_, "description"):
        member = .success(())
      case (_, "group-object") where w.count == 2:
        if kind == .network { group.networks.append(.group(w[1])) } else { group.services.append(.group(w[1])) }
        member = .success(())
      case (.network, "network-object"):
        member = networkMember(Array(w.dropFirst()), at: child).map { group.networks.append($0) }
      case (.service, "port-object"):
        if group.portProtocols.isEmpty {
          member = .failure(CiscoSyntaxError("port-object in a service group without a protocol"))
        } else {
          var index = 1
          let proto: UInt8? = group.portProtocols.count == 1 ? group.portProtocols[0] : nil
          member = CiscoPorts.parse(w, &index, proto: proto, platform: .asa, multiple: false).flatMap { ports in
            index == w.count ? .success(group.services.append(.ports(ports))) : .failure(extra(w, index))
          }
        }
      case (.service, "service-object"):
        if w.count == 3 && w[1].lowercased() == "object" {
          group.services.append(.object(w[2]))
          member = .success(())
        } else {
          member = serviceWords(Array(w.dropFirst()), keywords: false).map { group.services.append(.services($0)) }
        }
      case (.protocol, "protocol-object") where w.count == 2:
        if w[1].lowercased() == "ip" {
          group.services.append(.services([CiscoASAConfig.Service(proto: nil)]))
          member = .success(())
        } else if let number = CiscoNames.protocolNumber(w[1], platform: .asa) {
          group.services.append(.services([CiscoASAConfig.Service(proto: number)]))
          member = .success(())
        } else {
          member = .failure(CiscoSyntaxError("unknown protocol '\(w[1])'"))
        }
      case (.icmpType, "icmp-object") where w.count == 2:
        if let type = UInt8(w[1]) ?? CiscoNames.icmp(w[1], platform: .asa)?.type {
          group.services.append(.services([CiscoASAConfig.Service(proto: 1, icmpType: type)]))
          member = .success(())
        } else {
          member = .failure(CiscoSyntaxError("unknown ICMP type '\(w[1])'"))
        }
      default:
        report(
          .warning, .asaNotModeled, child.lines,
          "object-group \(kind.rawValue) \(name): '\(child.text)' is not interpreted; the group may be incomplete")
        continue
      }
      switch member {
      case .success: account.interpret(child)
      case .failure(let error):
        report(
          .error, .syntax, child.lines,
          "object-group \(name): \(error.message); the member is left out (the group may be incomplete)")
      }
    }
    config.groups[name] = group
  }

  func extra(_ words: [String], _ index: Int) -> CiscoSyntaxError {
    CiscoSyntaxError("unexpected '\(words[index...].joined(separator: " "))'")
  }

  /// `network-object host A`, `network-object A MASK`, `network-object A/N`, `network-object object O`.
  private mutating func networkMember(_ words: [String], at command: CiscoConfigText.Command)
    -> Result<CiscoASAConfig.NetworkMember, CiscoSyntaxError>
  {
    switch (words.count, words.first?.lowercased()) {
    case (2, "host"):
      guard let a = resolveAddress(words[1]), let range = AddressRange(first: a, last: a) else {
        return .failure(CiscoSyntaxError("'\(words[1])' is not an address"))
      }
      return .success(.ranges([range]))
    case (2, "object"):
      return .success(.object(words[1]))
    case (1, _):
      guard let prefix = CiscoAddressMask.prefix(words[0]) else {
        return .failure(CiscoSyntaxError("'\(words[0])' is not a prefix"))
      }
      return .success(.ranges([prefix.range]))
    case (2, _):
      guard let ranges = netmask(words[0], words[1], line: command.line) else {
        return .failure(CiscoSyntaxError("'\(words.joined(separator: " "))' is not an address and mask"))
      }
      return .success(.ranges(ranges))
    default:
      return .failure(CiscoSyntaxError("'\(words.joined(separator: " "))' is not a network object"))
    }
  }

  /// The services of `service PROTO [source OP P] [destination OP P]` (object service; `keywords`: the
  /// `destination` keyword is required before destination ports) or of a `service-object` (where it is optional).
  /// ICMP: `icmp [TYPE [CODE]]`; `tcp-udp` is TCP and UDP with the same ports.
  func serviceWords(_ words: [String], keywords: Bool) -> Result<[CiscoASAConfig.Service], CiscoSyntaxError> {
    guard let first = words.first?.lowercased() else { return .failure(CiscoSyntaxError("a protocol is missing")) }
    if first == "icmp" || first == "icmp6" {
      var service = CiscoASAConfig.Service(proto: first == "icmp" ? 1 : 58)
      if words.count >= 2 {
        let type =
          first == "icmp"
          ? UInt8(words[1]) ?? CiscoNames.icmp(words[1], platform: .asa)?.type
          : UInt8(words[1]) ?? CiscoNames.icmp6[words[1].lowercased()]?.type
        guard let type else { return .failure(CiscoSyntaxError("unknown ICMP type '\(words[1])'")) }
        service.icmpType = type
      }
      if words.count >= 3 {
        guard let code = UInt8(words[2]), words.count == 3 else {
          return .failure(CiscoSyntaxError("'\(words[2...].joined(separator: " "))' is not an ICMP code"))
        }
        service.icmpCode = code
      }
      return .success([service])
    }
    let protocols: [UInt8?]
    if first == "ip" {
      protocols = [nil]
    } else if first == "tcp-udp" {
      protocols = [6, 17]
    } else if let number = CiscoNames.protocolNumber(first, platform: .asa) {
      protocols = [number]
    } else {
      return .failure(CiscoSyntaxError("unknown protocol '\(words[0])'"))
    }
    var source: [PortRange] = []
    var destination: [PortRange] = []
    var index = 1
    let hasPorts = protocols.allSatisfy { $0.map { Match.portProtocols.contains($0) } ?? false }
    let keywordProto: UInt8? = protocols.count == 1 ? protocols[0] : nil
    while index < words.count {
      let word = words[index].lowercased()
      guard hasPorts else { return .failure(extra(words, index)) }
      if word == "source" || word == "destination" {
        index += 1
        switch CiscoPorts.parse(words, &index, proto: keywordProto, platform: .asa, multiple: false) {
        case .success(let ports): if word == "source" { source = ports } else { destination = ports }
        case .failure(let error): return .failure(error)
        }
      } else if !keywords && CiscoPorts.operators.contains(word) {
        switch CiscoPorts.parse(words, &index, proto: keywordProto, platform: .asa, multiple: false) {
        case .success(let ports): destination = ports
        case .failure(let error): return .failure(error)
        }
      } else {
        return .failure(extra(words, index))
      }
    }
    return .success(
      protocols.map { CiscoASAConfig.Service(proto: $0, sourcePorts: source, destinationPorts: destination) })
  }

  // MARK: Addresses

  /// An address or a `name` alias.
  func resolveAddress(_ word: String) -> IPAddress? { IPAddress(word) ?? config.names[word] }

  /// `A MASK` (a subnet mask; set bits must match), with a note for host bits or a discontiguous mask.
  mutating func netmask(_ address: String, _ mask: String, line: Int) -> [AddressRange]? {
    guard let a = resolveAddress(address), a.family == .v4, let m = IPAddress(mask), m.family == .v4,
      let value = CiscoAddressMask(address: a.v4Value, free: ~m.v4Value)
    else { return nil }
    noteIrregular(
      value, written: "\(address) \(mask)", kind: "mask",
      hostBits: "has host bits set; matched as the subnet they lie in",
      line: line)
    return value.ranges
  }

  // MARK: NAT

  private mutating func readObjectNAT(_ command: CiscoConfigText.Command, object: CiscoASAConfig.NetworkObject) {
    // nat [(real,mapped)] static|dynamic MAPPED …
    var words = Array(command.words.dropFirst())
    var interface: String? = nil
    if let first = words.first, first.hasPrefix("(") {
      interface = first.filter { $0 != "(" && $0 != ")" }.split(separator: ",").last.map(String.init)
      words.removeFirst()
    }
    let kind = words.first?.lowercased() ?? ""
    var translated: [AddressRange] = []
    if words.count >= 2 {
      let mapped = words[1]
      if let address = resolveAddress(mapped), let range = AddressRange(first: address, last: address) {
        translated = [range]
      } else if let other = config.networkObjects[mapped]?.ranges {
        translated = other
      }
    }
    config.nat.append(
      CiscoASAConfig.NAT(
        kind: kind == "static" ? .destination : .source, original: object.ranges ?? [], translated: translated,
        interface: interface, line: command.line, text: "object network \(object.name) / \(command.text)"))
    report(
      .note, .translationNotModeled, command,
      "object network \(object.name): \(kind) NAT recorded, not applied (access rules are evaluated on real "
        + "addresses)")
  }

  private mutating func readTwiceNAT(_ command: CiscoConfigText.Command) {
    let lower = command.words.map { $0.lowercased() }
    guard let source = lower.firstIndex(of: "source"), source + 3 < lower.count else {
      return report(.error, .syntax, command.lines, "'\(command.text)': expected 'nat … source static|dynamic …'")
    }
    var interface: String? = nil
    if command.words.count > 1, command.words[1].hasPrefix("(") {
      interface = command.words[1].filter { $0 != "(" && $0 != ")" }.split(separator: ",").last.map(String.init)
    }
    let real = command.words[source + 2]
    let mapped = command.words[source + 3]
    config.nat.append(
      CiscoASAConfig.NAT(
        kind: .source, original: networkRanges(real), translated: networkRanges(mapped), interface: interface,
        line: command.line, text: command.text))
    if let destination = lower.firstIndex(of: "destination"), destination + 3 < lower.count {
      config.nat.append(
        CiscoASAConfig.NAT(
          kind: .destination, original: networkRanges(command.words[destination + 2]),
          translated: networkRanges(command.words[destination + 3]), interface: interface, line: command.line,
          text: command.text))
    }
    report(
      .note, .translationNotModeled, command,
      "twice NAT recorded, not applied (access rules are evaluated on real addresses)"
        + (lower.contains("inactive") ? "; the rule is inactive" : ""))
  }

  /// The addresses of a network object or group named in a NAT rule (empty when unknown or `any`).
  private func networkRanges(_ name: String) -> [AddressRange] {
    if let ranges = config.networkObjects[name]?.ranges { return ranges }
    guard let group = config.groups[name], group.kind == .network else { return [] }
    return group.networks.flatMap { member -> [AddressRange] in
      switch member {
      case .ranges(let ranges): return ranges
      case .object(let object): return config.networkObjects[object]?.ranges ?? []
      case .group: return []
      }
    }
  }
}
