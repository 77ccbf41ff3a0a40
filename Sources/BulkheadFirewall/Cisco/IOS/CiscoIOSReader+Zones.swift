import BulkheadModel

extension CiscoIOSReader {
  /// The applications `match protocol` names, as the packets the IOS port-to-application mapping (PAM) assigns to
  /// them by default (Cisco IOS Firewall, "Port to Application Mapping"); transport protocols match as themselves.
  static let protocolPackets: [String: [[Match]]] = {
    func tcp(_ port: UInt16) -> [Match] {
      [.proto([6], negated: false), .destinationPort([PortRange(port)], negated: false)]
    }
    func udp(_ port: UInt16) -> [Match] {
      [.proto([17], negated: false), .destinationPort([PortRange(port)], negated: false)]
    }
    return [
      "tcp": [[.proto([6], negated: false)]], "udp": [[.proto([17], negated: false)]],
      "icmp": [[.proto([1], negated: false)]], "http": [tcp(80)], "https": [tcp(443)], "ftp": [tcp(21)],
      "ssh": [tcp(22)], "telnet": [tcp(23)], "smtp": [tcp(25)], "dns": [udp(53), tcp(53)], "tftp": [udp(69)],
      "ntp": [udp(123)], "snmp": [udp(161)], "pop3": [tcp(110)], "imap": [tcp(143)], "ldap": [tcp(389)],
      "h323": [tcp(1720)], "sip": [udp(5060), tcp(5060)], "rtsp": [tcp(554)], "bgp": [tcp(179)],
      "syslog": [udp(514)], "netbios-ns": [udp(137)], "netbios-dgm": [udp(138)], "netbios-ssn": [tcp(139)],
      "ms-sql": [tcp(1433)], "mysql": [tcp(3306)], "sqlnet": [tcp(1521)], "modbus": [tcp(502)],
    ]
  }()

  mutating func readZone(_ command: CiscoConfigText.Command) {
    let words = command.words
    guard words.count == 3, words[1].lowercased() == "security" else {
      return report(.error, .syntax, command.lines, "'\(command.text)': expected 'zone security NAME'")
    }
    if config.zones[words[2]] == nil {
      config.zones[words[2]] = command.line
      config.zoneOrder.append(words[2])
    }
    account.interpret(command)
    for child in command.children {
      if child.keyword == "description" {
        account.interpret(child)
      } else {
        report(.warning, .iosNotModeled, child.lines, "zone \(words[2]): '\(child.text)' is not interpreted")
      }
    }
  }

  mutating func readZonePair(_ command: CiscoConfigText.Command) {
    let words = command.words
    let lower = words.map { $0.lowercased() }
    guard words.count == 7, lower[1] == "security", lower[3] == "source", lower[5] == "destination" else {
      return report(
        .error, .syntax, command.lines,
        "'\(command.text)': expected 'zone-pair security NAME source ZONE destination ZONE'")
    }
    var pair = CiscoIOSConfig.ZonePair(
      name: words[2], line: command.line, source: words[4], destination: words[6])
    account.interpret(command)
    for child in command.children {
      let w = child.words.map { $0.lowercased() }
      if w.count == 4, w[0] == "service-policy", w[1] == "type", w[2] == "inspect" {
        pair.policy = child.words[3]
        pair.policyLine = child.line
        account.interpret(child)
      } else if child.keyword == "description" {
        account.interpret(child)
      } else {
        report(.warning, .iosNotModeled, child.lines, "zone-pair \(pair.name): '\(child.text)' is not interpreted")
      }
    }
    config.zonePairs.append(pair)
  }

  /// `class-map type inspect [match-all|match-any] NAME` and its `match` lines; other class maps are QoS.
  mutating func readClassMap(_ command: CiscoConfigText.Command) {
    let lower = command.words.map { $0.lowercased() }
    guard lower.count >= 4, lower[1] == "type", lower[2] == "inspect" else {
      return report(.note, .iosNotFiltering, command.lines, "class-map (QoS): does not decide which packets pass")
    }
    var matchAll = true
    var nameIndex = 3
    if lower[3] == "match-any" || lower[3] == "match-all" {
      matchAll = lower[3] == "match-all"
      nameIndex = 4
    }
    guard nameIndex == command.words.count - 1 else {
      return report(
        .warning, .iosNotModeled, command.lines,
        "'\(command.text)': a layer-7 or parameterised class map is not modeled")
    }
    let name = command.words[nameIndex]
    var classMap = CiscoIOSConfig.ClassMap(name: name, line: command.line, matchAll: matchAll)
    account.interpret(command)
    for child in command.children {
      let w = child.words
      let l = w.map { $0.lowercased() }
      guard l.first == "match" else {
        if child.keyword == "description" {
          account.interpret(child)
        } else {
          report(.warning, .iosNotModeled, child.lines, "class-map \(name): '\(child.text)' is not interpreted")
        }
        continue
      }
      if l.count == 4 && l[1] == "access-group" && l[2] == "name" {
        classMap.conditions.append(.acl(w[3], line: child.line))
      } else if l.count == 3 && l[1] == "access-group" {
        classMap.conditions.append(.acl(w[2], line: child.line))
      } else if l.count == 3 && l[1] == "protocol" {
        if let packets = Self.protocolPackets[l[2]] {
          classMap.conditions.append(.packets("protocol \(w[2])", packets, line: child.line))
        } else {
          report(
            .warning, .iosNotModeled, child,
            "class-map \(name): protocol '\(w[2])' is matched by application inspection, not modeled; the class "
              + "is assumed to match if it inspects or passes, not if it drops")
          classMap.conditions.append(.unsupported("match protocol \(w[2])", line: child.line))
          continue
        }
      } else if l.count == 3 && l[1] == "class-map" {
        classMap.conditions.append(.classMap(w[2], line: child.line))
      } else {
        report(
          .warning, .iosNotModeled, child,
          "class-map \(name): '\(child.text)' is not modeled; assumed to match if the class inspects or passes, not "
            + "if it drops")
        classMap.conditions.append(.unsupported(child.text, line: child.line))
        continue
      }
      account.interpret(child)
    }
    config.classMaps[name] = classMap
  }

  /// `policy-map type inspect NAME` with `class type inspect C` / `class class-default` and their actions.
  mutating func readPolicyMap(_ command: CiscoConfigText.Command) {
    let lower = command.words.map { $0.lowercased() }
    guard lower.count >= 4, lower[1] == "type", lower[2] == "inspect" else {
      return report(.note, .iosNotFiltering, command.lines, "policy-map (QoS): does not decide which packets pass")
    }
    guard lower.count == 4 else {
      return report(
        .warning, .iosNotModeled, command.lines, "'\(command.text)': a layer-7 policy map is not modeled")
    }
    let name = command.words[3]
    var policy = CiscoIOSConfig.PolicyMap(name: name, line: command.line)
    account.interpret(command)
    for child in command.children {
      let l = child.words.map { $0.lowercased() }
      let isDefault = l == ["class", "class-default"]
      guard isDefault || (l.count == 4 && l[0] == "class" && l[1] == "type" && l[2] == "inspect") else {
        if child.keyword == "description" {
          account.interpret(child)
        } else {
          report(.warning, .iosNotModeled, child.lines, "policy-map \(name): '\(child.text)' is not interpreted")
        }
        continue
      }
      account.interpret(child)
      // The action: `inspect [PARAMETER-MAP]`, `pass [log]`, `drop [log]`; a class without one drops.
      var action: CiscoIOSConfig.Action = .drop
      var actionLine = child.line
      for grandchild in child.children {
        if let found = CiscoIOSConfig.Action(rawValue: grandchild.keyword) {
          action = found
          actionLine = grandchild.line
          account.interpret(grandchild)
          if grandchild.words.count > 1 && grandchild.keyword != "inspect"
            && grandchild.words[1].lowercased() != "log"
          {
            report(
              .warning, .iosNotModeled, grandchild,
              "'\(grandchild.text)': only the action is modeled, not '\(grandchild.rest(from: 1))'")
          }
        } else if ["police", "log", "urlfilter", "service-policy"].contains(grandchild.keyword) {
          report(.note, .iosNotModeled, grandchild.lines, "'\(grandchild.text)' is not modeled")
        } else {
          report(.warning, .iosNotModeled, grandchild.lines, "'\(grandchild.text)' is not interpreted")
        }
      }
      if isDefault {
        policy.defaultAction = action
        policy.defaultLine = actionLine
      } else {
        policy.classes.append(
          CiscoIOSConfig.PolicyMap.Class(name: child.words[3], line: child.line, action: action, actionLine: actionLine)
        )
      }
    }
    config.policyMaps[name] = policy
  }

  // MARK: NAT

  /// `ip nat inside|outside source|destination static A B …`: recorded; other NAT (pools, lists, route maps)
  /// reported.
  mutating func readNAT(_ command: CiscoConfigText.Command) {
    let lower = command.words.map { $0.lowercased() }
    guard lower.count > 1, lower[1] == "nat" else {
      return report(.note, .iosNotFiltering, command.lines, "'\(command.text)': does not decide what is forwarded")
    }
    if lower.count >= 7, lower[3] == "source" || lower[3] == "destination", lower[4] == "static" {
      var first = 5
      if lower[first] == "network" || lower[first] == "tcp" || lower[first] == "udp" { first += 1 }
      if first + 1 < lower.count, let original = IPAddress(command.words[first]),
        let translated = IPAddress(command.words[first + 1]), let from = AddressRange(first: original, last: original),
        let to = AddressRange(first: translated, last: translated)
      {
        config.translations.append(
          AddressTranslation(
            kind: lower[3] == "source" ? .source : .destination, original: [from], translated: [to],
            provenance: Provenance(file: file, line: command.line, text: command.text)))
      }
    }
    report(
      .note, .translationNotModeled, command.lines,
      "'\(command.text)': NAT recorded, not applied (access lists are evaluated on the addresses they see)")
  }
}
