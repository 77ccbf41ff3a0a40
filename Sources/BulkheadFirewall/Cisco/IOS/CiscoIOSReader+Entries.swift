import BulkheadModel

extension CiscoIOSReader {
  /// The words after `permit`/`deny` of an extended entry: `PROTOCOL SOURCE [PORTS] DESTINATION [PORTS|ICMP]
  /// [options]`.
  mutating func extendedEntry(
    _ words: [String], list: CiscoIOSConfig.AccessList, command: CiscoConfigText.Command
  ) -> Result<CiscoIOSConfig.Entry, CiscoSyntaxError> {
    var entry = CiscoIOSConfig.Entry(acl: list.name, line: command.line, text: command.text, permit: true)
    var index = 0
    guard index < words.count else { return .failure(CiscoSyntaxError("the protocol is missing")) }
    let protoWord = words[index].lowercased()
    index += 1
    var portProto: UInt8? = nil
    var icmpFamily: IPAddress.Family? = nil
    switch protoWord {
    case "object-group":
      guard index < words.count else { return .failure(CiscoSyntaxError("object-group without a name")) }
      entry.proto = .group(words[index])
      index += 1
    case "ip" where list.family == .v4, "ipv6" where list.family == .v6:
      entry.proto = .number(nil)
    case "icmp" where list.family == .v6:
      entry.proto = .number(58)
      icmpFamily = .v6
    case "hbh" where list.family == .v6:
      entry.proto = .number(0)
    default:
      guard let number = CiscoNames.protocolNumber(protoWord, platform: .ios) else {
        return .failure(CiscoSyntaxError("unknown protocol '\(words[index - 1])'"))
      }
      entry.proto = .number(number)
      if Match.portProtocols.contains(number) { portProto = number }
      if number == 1 && list.family == .v4 { icmpFamily = .v4 }
      if number == 58 && list.family == .v6 { icmpFamily = .v6 }
    }
    switch address(words, &index, family: list.family, standard: false, line: command.line) {
    case .success(let source): entry.source = source
    case .failure(let error): return .failure(error)
    }
    switch ports(words, &index, proto: portProto) {
    case .success(let ports): entry.sourcePorts = ports
    case .failure(let error): return .failure(error)
    }
    switch address(words, &index, family: list.family, standard: false, line: command.line) {
    case .success(let destination): entry.destination = destination
    case .failure(let error): return .failure(error)
    }
    switch ports(words, &index, proto: portProto) {
    case .success(let ports): entry.destinationPorts = ports
    case .failure(let error): return .failure(error)
    }
    if let family = icmpFamily, index < words.count {
      let word = words[index]
      let named = family == .v4 ? CiscoNames.icmp(word, platform: .ios) : CiscoNames.icmp6[word.lowercased()]
      if let named {
        entry.icmpType = named.type
        entry.icmpCode = named.code
        index += 1
      } else if let type = UInt8(word) {
        entry.icmpType = type
        index += 1
        if index < words.count, let code = UInt8(words[index]) {
          entry.icmpCode = code
          index += 1
        }
      }
    }
    // Options.
    let flags: Set<String> = ["ack", "fin", "psh", "rst", "syn", "urg"]
    while index < words.count {
      let word = words[index].lowercased()
      switch word {
      case "established":
        guard portProto == 6 else { return .failure(CiscoSyntaxError("'established' applies to TCP only")) }
        entry.established = true
        index += 1
      case "log", "log-input":
        index += 1
        // An optional log tag follows in IOS-XE (`log TAG`); it is any word that is not another option.
        if index < words.count, !Self.optionWords.contains(words[index].lowercased()) { index += 1 }
      case "reflect":
        guard index + 1 < words.count else { return .failure(CiscoSyntaxError("'reflect' needs a name")) }
        entry.reflect = words[index + 1]
        index += 2
        if index + 1 < words.count, words[index].lowercased() == "timeout", Int(words[index + 1]) != nil {
          index += 2
        }
      case "time-range":
        guard index + 1 < words.count else { return .failure(CiscoSyntaxError("'time-range' needs a name")) }
        entry.unmodeled.append("time-range \(words[index + 1])")
        if config.timeRanges[words[index + 1]] == nil {
          diagnostics.append(
            Diagnostic(
              .warning, .iosUnresolved, "time-range \(words[index + 1]) is not defined (it may be defined later)",
              at: location(command.line)))
        }
        index += 2
      case "dscp", "precedence", "tos", "option", "ttl", "flow-label", "routing", "hop-limit", "routing-type",
        "packet-length":
        let width = word == "ttl" || word == "hop-limit" || word == "packet-length" ? 3 : 2
        let count = words.count > index + 2 && words[index + 1].lowercased() == "range" ? 4 : width
        guard index + count - 1 < words.count else {
          return .failure(CiscoSyntaxError("'\(word)' needs a value"))
        }
        entry.unmodeled.append(words[index..<(index + count)].joined(separator: " "))
        index += count
      case "fragments":
        entry.unmodeled.append("fragments (non-initial fragments only)")
        index += 1
      case "match-all", "match-any":
        let start = index
        index += 1
        while index < words.count, let sign = words[index].first, sign == "+" || sign == "-" { index += 1 }
        entry.unmodeled.append("TCP flags " + words[start..<index].joined(separator: " "))
      case let flag where flags.contains(flag):
        entry.unmodeled.append("TCP flag \(flag)")
        index += 1
      default:
        return .failure(CiscoSyntaxError("unexpected '\(words[index...].joined(separator: " "))'"))
      }
    }
    return .success(entry)
  }

  /// Words that start an option of an extended entry.
  static let optionWords: Set<String> = [
    "established", "log", "log-input", "reflect", "time-range", "dscp", "precedence", "tos", "option", "ttl",
    "fragments", "match-all", "match-any", "ack", "fin", "psh", "rst", "syn", "urg", "flow-label", "routing",
    "hop-limit", "sequence",
  ]

  /// `any`, `host A`, `A WILDCARD`, `A/N`, a bare `A` (a host, as NX-OS writes it), `object-group G`
  /// (`net-group`, `addrgroup`). A standard entry's source may omit the wildcard (a host).
  mutating func address(
    _ words: [String], _ index: inout Int, family: IPAddress.Family, standard: Bool, line: Int
  ) -> Result<CiscoIOSConfig.Address, CiscoSyntaxError> {
    guard index < words.count else { return .failure(CiscoSyntaxError("an address is missing")) }
    let word = words[index]
    index += 1
    func host(_ text: String) -> Result<CiscoIOSConfig.Address, CiscoSyntaxError> {
      guard let a = IPAddress(text), a.family == family, let range = AddressRange(first: a, last: a) else {
        return .failure(CiscoSyntaxError("'\(text)' is not an IPv\(family == .v4 ? 4 : 6) address"))
      }
      return .success(.ranges([range]))
    }
    switch word.lowercased() {
    case "any": return .success(.any)
    case "host":
      guard index < words.count else { return .failure(CiscoSyntaxError("'host' needs an address")) }
      index += 1
      return host(words[index - 1])
    case "object-group", "net-group", "addrgroup":
      guard index < words.count else { return .failure(CiscoSyntaxError("'\(word)' needs a name")) }
      index += 1
      return .success(.group(words[index - 1]))
    default:
      if word.contains("/") {
        guard let prefix = CiscoAddressMask.prefix(word), prefix.range.family == family else {
          return .failure(CiscoSyntaxError("'\(word)' is not an IPv\(family == .v4 ? 4 : 6) prefix"))
        }
        if prefix.hadHostBits {
          diagnostics.append(
            Diagnostic(.note, .syntax, "'\(word)' has host bits set; matched as the prefix", at: location(line)))
        }
        return .success(.ranges([prefix.range]))
      }
      guard let a = IPAddress(word), a.family == family else {
        return .failure(CiscoSyntaxError("'\(word)' is not an address"))
      }
      // A wildcard follows unless the next word is not an address (a host, in standard entries and NX-OS lists).
      guard family == .v4, index < words.count, let mask = IPAddress(words[index]), mask.family == .v4 else {
        return host(word)
      }
      index += 1
      guard let value = CiscoAddressMask(address: a.v4Value, free: mask.v4Value) else {
        return .failure(
          CiscoSyntaxError(
            "wildcard \(words[index - 1]) leaves more than \(CiscoAddressMask.maximumRanges) separate ranges"))
      }
      noteIrregular(
        value, written: "\(word) \(words[index - 1])", kind: "wildcard",
        hostBits: "has bits set under the wildcard; IOS ignores them", line: line)
      return .success(.ranges(value.ranges))
    }
  }

  /// A port condition (`eq` may list several ports) or a port group after an address; `nil` when none follows.
  func ports(_ words: [String], _ index: inout Int, proto: UInt8?)
    -> Result<CiscoIOSConfig.PortField?, CiscoSyntaxError>
  {
    guard index < words.count else { return .success(nil) }
    let word = words[index].lowercased()
    if CiscoPorts.operators.contains(word) {
      guard let proto else { return .failure(CiscoSyntaxError("a port condition on a protocol without ports")) }
      return CiscoPorts.parse(words, &index, proto: proto, platform: .ios, multiple: true).map { .ranges($0) }
    }
    if word == "portgroup" || word == "port-group", index + 1 < words.count {
      guard proto != nil else { return .failure(CiscoSyntaxError("a port group on a protocol without ports")) }
      index += 2
      return .success(.group(words[index - 1]))
    }
    return .success(nil)
  }

  // MARK: Object groups

  /// `object-group network|service|protocol NAME`, `object-group ip port NAME`, and the IOS-XR spellings aerleon
  /// writes (`object-group network ipv4 NAME`, `object-group port NAME`). Entering an existing group adds members.
  mutating func readGroup(_ command: CiscoConfigText.Command) {
    var words = command.words.map { $0.lowercased() }
    var kind: CiscoIOSConfig.Group.Kind?
    if words.count >= 3 {
      switch words[1] {
      case "network": kind = .network
      case "service": kind = .service
      case "protocol": kind = .protocol
      case "port": kind = .port
      case "ip" where words.count >= 4 && words[2] == "port":
        kind = .port
        words.remove(at: 2)
      default: kind = nil
      }
      if kind == .network && words.count >= 4 && (words[2] == "ipv4" || words[2] == "ipv6") { words.remove(at: 2) }
    }
    guard let kind, words.count >= 3 else {
      return report(
        .warning, .iosNotModeled, command.lines,
        "'\(command.text)' (lines \(command.line)–\(command.endLine)): this object group kind is not modeled; an "
          + "entry naming it is not exact")
    }
    let name = command.words[command.words.count - 1]
    if config.groups[name] != nil {
      report(.note, .syntax, command, "object-group \(name) is entered again; its members are added")
    }
    var group = config.groups[name] ?? CiscoIOSConfig.Group(kind: kind, name: name, line: command.line)
    account.interpret(command)
    for child in command.children {
      let w = child.words
      let lower = w.map { $0.lowercased() }
      var problem: String? = nil
      switch (kind, lower.first ?? "") {
      case (_, "description"):
        break
      case (_, "group-object") where w.count == 2:
        group.groups.append(w[1])
      case (.network, "host") where w.count == 2:
        if let a = IPAddress(w[1]), let range = AddressRange(first: a, last: a) {
          group.ranges.append(range)
        } else {
          problem = "'\(w[1])' is not an address"
        }
      case (.network, "range") where w.count == 3:
        if let a = IPAddress(w[1]), let b = IPAddress(w[2]), let range = AddressRange(first: a, last: b) {
          group.ranges.append(range)
        } else {
          problem = "'\(child.text)' is not an address range"
        }
      case (.network, "any") where w.count == 1:
        group.ranges += [AddressRange.all(.v4), AddressRange.all(.v6)]
      case (.network, _) where w.count == 1:
        if let prefix = CiscoAddressMask.prefix(w[0]) {
          group.ranges.append(prefix.range)
        } else {
          problem = "'\(w[0])' is not a prefix"
        }
      case (.network, _) where w.count == 2:
        // A network group takes a subnet mask (not a wildcard): `10.1.0.0 255.255.0.0`.
        if let mask = CiscoAddressMask.netmask(w[0], w[1]) {
          if mask.hadHostBits {
            diagnostics.append(
              Diagnostic(
                .note, .syntax, "'\(child.text)' has host bits set; matched as the subnet they lie in",
                at: location(child.line)))
          }
          group.ranges += mask.ranges
        } else {
          problem = "'\(child.text)' is not an address and subnet mask"
        }
      case (.service, _):
        switch serviceWords(w) {
        case .success(let services): group.services += services
        case .failure(let error): problem = error.message
        }
      case (.protocol, _):
        let word = lower.first == "protocol-object" && w.count == 2 ? w[1] : w.count == 1 ? w[0] : ""
        if word.lowercased() == "ip" {
          group.services.append(CiscoIOSConfig.Service(proto: nil))
        } else if let number = CiscoNames.protocolNumber(word, platform: .ios) {
          group.services.append(CiscoIOSConfig.Service(proto: number))
        } else {
          problem = "'\(child.text)' is not a protocol"
        }
      case (.port, _):
        var index = 0
        switch CiscoPorts.parse(w, &index, proto: nil, platform: .ios, multiple: true) {
        case .success(let ports) where index == w.count: group.ports += ports
        case .success: problem = "unexpected words after the ports"
        case .failure(let error): problem = error.message
        }
      default:
        problem = "'\(child.text)' is not a member of an object-group \(kind.rawValue)"
      }
      if let problem {
        report(
          .error, .syntax, child.lines,
          "object-group \(name): \(problem); the member is left out (the group may be incomplete)")
      } else {
        account.interpret(child)
      }
    }
    config.groups[name] = group
  }

  /// A service group member: `tcp|udp|tcp-udp [source OP P] [OP P]`, `icmp [TYPE [CODE]]`, a protocol.
  func serviceWords(_ words: [String]) -> Result<[CiscoIOSConfig.Service], CiscoSyntaxError> {
    guard let first = words.first?.lowercased() else { return .failure(CiscoSyntaxError("empty member")) }
    if first == "icmp" {
      var service = CiscoIOSConfig.Service(proto: 1)
      if words.count >= 2 {
        if let named = CiscoNames.icmp(words[1], platform: .ios) {
          service.icmpType = named.type
          service.icmpCode = named.code
        } else if let type = UInt8(words[1]) {
          service.icmpType = type
          if words.count == 3, let code = UInt8(words[2]) { service.icmpCode = code }
        } else {
          return .failure(CiscoSyntaxError("unknown ICMP type '\(words[1])'"))
        }
      }
      return .success([service])
    }
    let protocols: [UInt8?]
    switch first {
    case "ip": protocols = [nil]
    case "tcp-udp": protocols = [6, 17]
    default:
      guard let number = CiscoNames.protocolNumber(first, platform: .ios) else {
        return .failure(CiscoSyntaxError("unknown protocol '\(words[0])'"))
      }
      protocols = [number]
    }
    var source: [PortRange] = []
    var destination: [PortRange] = []
    var index = 1
    let keywordProto: UInt8? = protocols.count == 1 ? protocols[0] : nil
    while index < words.count {
      guard protocols.allSatisfy({ $0.map { Match.portProtocols.contains($0) } ?? false }) else {
        return .failure(CiscoSyntaxError("ports on a protocol without ports"))
      }
      let isSource = words[index].lowercased() == "source"
      if isSource { index += 1 }
      switch CiscoPorts.parse(words, &index, proto: keywordProto, platform: .ios, multiple: true) {
      case .success(let ports): if isSource { source = ports } else { destination = ports }
      case .failure(let error): return .failure(error)
      }
    }
    return .success(
      protocols.map { CiscoIOSConfig.Service(proto: $0, sourcePorts: source, destinationPorts: destination) })
  }
}
