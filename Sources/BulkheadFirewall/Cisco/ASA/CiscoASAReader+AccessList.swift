import BulkheadModel

extension CiscoASAReader {
  /// `access-list NAME [line N] extended permit|deny PROTOCOL SOURCE [PORTS] DESTINATION [PORTS|ICMP] [log …]
  /// [time-range NAME] [inactive]`, `access-list NAME remark TEXT`; standard, EtherType and webtype lists are
  /// reported (they never filter routed traffic through an access group).
  mutating func readAccessList(_ command: CiscoConfigText.Command) {
    var words = command.words
    guard words.count >= 3 else {
      return report(.error, .syntax, command.lines, "'\(command.text)': an access-list entry is incomplete")
    }
    let name = words[1]
    if words.count >= 4 && words[2].lowercased() == "line" && Int(words[3]) != nil {
      words.removeSubrange(2...3)
    }
    for child in command.children {
      report(.warning, .asaNotModeled, child.lines, "'\(child.text)' under an access-list entry is not interpreted")
    }
    switch words[2].lowercased() {
    case "remark":
      remarks[name, default: []].append(words.dropFirst(3).joined(separator: " "))
      account.interpret(command)
    case "extended":
      if config.entries[name] == nil {
        config.aclOrder.append(name)
        config.aclLines[name] = command.line
      }
      var entry: CiscoASAConfig.Entry
      switch extendedEntry(Array(words.dropFirst(3)), acl: name, command: command) {
      case .success(let parsed): entry = parsed
      case .failure(let error):
        report(
          .error, .syntax, command,
          "access-list \(name): \(error.message); the entry is kept as a condition Bulkhead cannot state (assumed "
            + "to match if it permits, not to match if it denies)")
        let permit = words.count > 3 && words[3].lowercased() == "permit"
        entry = CiscoASAConfig.Entry(
          acl: name, line: command.line, text: command.text, permit: permit, proto: .number(nil), source: .any(nil),
          destination: .any(nil), unmodeled: ["unparsed entry"])
      }
      entry.remarks = remarks.removeValue(forKey: name) ?? []
      account.interpret(command)
      config.entries[name, default: []].append(entry)
    case "standard", "ethertype", "webtype", "advanced":
      report(
        .note, .asaNotFiltering, command,
        "access-list \(name) \(words[2]): not an extended access list; it does not filter routed traffic through an "
          + "access group")
    default:
      report(
        .error, .syntax, command,
        "access-list \(name): '\(words[2])' is not an access-list type (extended, standard, remark …); ignored")
    }
  }

  /// The words after `extended`.
  private mutating func extendedEntry(_ words: [String], acl: String, command: CiscoConfigText.Command)
    -> Result<CiscoASAConfig.Entry, CiscoSyntaxError>
  {
    var index = 0
    func next() -> String? {
      guard index < words.count else { return nil }
      defer { index += 1 }
      return words[index]
    }
    guard let action = next()?.lowercased(), action == "permit" || action == "deny" else {
      return .failure(CiscoSyntaxError("expected permit or deny"))
    }
    var unmodeled: [String] = []
    // Protocol.
    guard let protoWord = next() else { return .failure(CiscoSyntaxError("the protocol is missing")) }
    let proto: CiscoASAConfig.ProtocolField
    switch protoWord.lowercased() {
    case "object-group":
      guard let group = next() else { return .failure(CiscoSyntaxError("object-group without a name")) }
      proto = .group(group)
    case "object":
      guard let object = next() else { return .failure(CiscoSyntaxError("object without a name")) }
      proto = .object(object)
    case "ip":
      proto = .number(nil)
    default:
      guard let number = CiscoNames.protocolNumber(protoWord, platform: .asa) else {
        return .failure(CiscoSyntaxError("unknown protocol '\(protoWord)'"))
      }
      proto = .number(number)
    }
    var portProto: UInt8? = nil
    if case .number(let n?) = proto, Match.portProtocols.contains(n) { portProto = n }
    // Identity conditions (identity firewall, TrustSec) come before the source: not packet headers.
    while index < words.count,
      ["user", "user-group", "object-group-user", "security-group", "object-group-security"].contains(
        words[index].lowercased())
    {
      let start = index
      index += words[index].lowercased() == "security-group" ? 3 : 2
      guard index <= words.count else { return .failure(CiscoSyntaxError("an identity condition is incomplete")) }
      unmodeled.append(words[start..<index].joined(separator: " "))
    }
    let source: CiscoASAConfig.Address
    switch address(words, &index, line: command.line) {
    case .success(let parsed): source = parsed
    case .failure(let error): return .failure(error)
    }
    let sourcePorts: CiscoASAConfig.PortField?
    switch ports(words, &index, proto: portProto) {
    case .success(let parsed): sourcePorts = parsed
    case .failure(let error): return .failure(error)
    }
    // Identity conditions may also qualify the destination.
    while index < words.count, ["security-group", "object-group-security"].contains(words[index].lowercased()) {
      let start = index
      index += words[index].lowercased() == "security-group" ? 3 : 2
      guard index <= words.count else { return .failure(CiscoSyntaxError("an identity condition is incomplete")) }
      unmodeled.append(words[start..<index].joined(separator: " "))
    }
    let destination: CiscoASAConfig.Address
    switch address(words, &index, line: command.line) {
    case .success(let parsed): destination = parsed
    case .failure(let error): return .failure(error)
    }
    let destinationPorts: CiscoASAConfig.PortField?
    switch ports(words, &index, proto: portProto) {
    case .success(let parsed): destinationPorts = parsed
    case .failure(let error): return .failure(error)
    }
    var entry = CiscoASAConfig.Entry(
      acl: acl, line: command.line, text: command.text, permit: action == "permit", proto: proto, source: source,
      sourcePorts: sourcePorts, destination: destination, destinationPorts: destinationPorts,
      unmodeled: unmodeled)
    // ICMP type and code, or an ICMP group.
    if case .number(let n?) = proto, n == 1 || n == 58, index < words.count {
      let word = words[index]
      if word.lowercased() == "object-group", index + 1 < words.count {
        entry.icmpGroup = words[index + 1]
        index += 2
      } else if let type = UInt8(word)
        ?? (n == 1 ? CiscoNames.icmp(word, platform: .asa)?.type : CiscoNames.icmp6[word.lowercased()]?.type)
      {
        entry.icmpType = type
        index += 1
        if index < words.count, let code = UInt8(words[index]) {
          entry.icmpCode = code
          index += 1
        }
      }
    }
    // Options.
    while index < words.count {
      switch words[index].lowercased() {
      case "log":
        index += 1
        let levels: Set<String> = [
          "emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging",
          "disable", "default",
        ]
        while index < words.count {
          let word = words[index].lowercased()
          if levels.contains(word) || Int(word) != nil {
            index += 1
          } else if word == "interval", index + 1 < words.count {
            index += 2
          } else {
            break
          }
        }
      case "time-range":
        guard index + 1 < words.count else { return .failure(CiscoSyntaxError("time-range without a name")) }
        entry.timeRange = words[index + 1]
        index += 2
      case "inactive":
        entry.inactive = true
        index += 1
      default:
        return .failure(CiscoSyntaxError("unexpected '\(words[index...].joined(separator: " "))'"))
      }
    }
    return .success(entry)
  }

  /// `any`, `any4`, `any6`, `host A`, `A MASK`, `A/N`, `object O`, `object-group G`, `interface NAME`.
  private mutating func address(_ words: [String], _ index: inout Int, line: Int)
    -> Result<CiscoASAConfig.Address, CiscoSyntaxError>
  {
    guard index < words.count else { return .failure(CiscoSyntaxError("an address is missing")) }
    let word = words[index]
    index += 1
    func name() -> String? {
      guard index < words.count else { return nil }
      defer { index += 1 }
      return words[index]
    }
    switch word.lowercased() {
    case "any": return .success(.any(nil))
    case "any4": return .success(.any(.v4))
    case "any6": return .success(.any(.v6))
    case "host":
      guard let text = name(), let a = resolveAddress(text), let range = AddressRange(first: a, last: a) else {
        return .failure(CiscoSyntaxError("'host' needs an address"))
      }
      return .success(.ranges([range]))
    case "object":
      guard let object = name() else { return .failure(CiscoSyntaxError("'object' needs a name")) }
      return .success(.object(object))
    case "object-group":
      guard let group = name() else { return .failure(CiscoSyntaxError("'object-group' needs a name")) }
      return .success(.group(group))
    case "interface":
      guard let interface = name() else { return .failure(CiscoSyntaxError("'interface' needs a name")) }
      return .success(.interface(interface))
    default:
      if word.contains("/"), let prefix = CiscoAddressMask.prefix(word) { return .success(.ranges([prefix.range])) }
      guard resolveAddress(word) != nil, let mask = name() else {
        return .failure(CiscoSyntaxError("'\(word)' is not an address"))
      }
      guard let ranges = netmask(word, mask, line: line) else {
        return .failure(CiscoSyntaxError("'\(word) \(mask)' is not an address and mask"))
      }
      return .success(.ranges(ranges))
    }
  }

  /// A port condition or a port group after an address; `nil` when none follows.
  private func ports(_ words: [String], _ index: inout Int, proto: UInt8?)
    -> Result<CiscoASAConfig.PortField?, CiscoSyntaxError>
  {
    guard index < words.count else { return .success(nil) }
    let word = words[index].lowercased()
    if CiscoPorts.operators.contains(word) {
      guard let proto else { return .failure(CiscoSyntaxError("ports on a protocol without ports")) }
      return CiscoPorts.parse(words, &index, proto: proto, platform: .asa, multiple: false).map { .ranges($0) }
    }
    if word == "object-group", index + 1 < words.count, let group = config.groups[words[index + 1]],
      group.kind == .service, !group.portProtocols.isEmpty
    {
      index += 2
      return .success(.group(group.name))
    }
    return .success(nil)
  }
}
