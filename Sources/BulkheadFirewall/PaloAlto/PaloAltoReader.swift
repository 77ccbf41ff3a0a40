import BulkheadModel

/// Reads PAN-OS statements (from the XML, block or `set` syntax) into ``PaloAltoConfig``, accounting for every
/// statement: it is read into the configuration, known not to decide which packets pass (one note per group), or
/// reported at its line.
///
/// Where a statement belongs: `config devices <name> vsys <vsys> …` (and a `set` line without a scope, which is
/// `vsys1`) is a virtual system's; `shared …` the shared objects and Panorama's shared pre/post rules;
/// `device-group <dg> …` a Panorama device group's; `policy panorama …` the rules a firewall received from
/// Panorama; `template <t> config …` a Panorama template's device configuration, read as the firewall's own.
/// In the `set` syntax a list grows with each line and a single value is replaced (PAN-OS CLI); `delete` removes what
/// it names and `move` reorders rules.
struct PaloAltoReader {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Lines of statements read into the configuration (or block headers, which only carry structure).
  var readLines: Set<Int> = []
  /// Lines of statements known not to decide which packets pass; each group of them has a note.
  var ignoredLines: Set<Int> = []

  init(file: String) {
    self.file = file
  }

  /// Where a statement's objects and rules belong.
  enum Owner: Hashable, Comparable {
    case vsys(String)
    case shared
    case deviceGroup(String)
    case panorama

    var text: String {
      switch self {
      case .vsys(let name): "vsys \(name)"
      case .shared: "shared"
      case .deviceGroup(let name): "device-group \(name)"
      case .panorama: "policy panorama"
      }
    }
  }

  private enum Scope {
    case owner(Owner)
    case device
    case readonly
    case other(String)
  }

  private struct Item {
    var words: ArraySlice<String>
    var statement: ConfigStatement
  }

  /// Statements about named entries (rules, objects, zones), grouped by name in first-mention order.
  private struct Entries {
    var order: [String] = []
    var items: [String: [Item]] = [:]

    mutating func add(_ name: String, _ item: Item) {
      if items[name] == nil { order.append(name) }
      items[name, default: []].append(item)
    }
  }

  private struct Key: Hashable {
    var owner: Owner
    /// `objects`, `zone`, or a rulebase: `rulebase`, `pre-rulebase`, `post-rulebase`.
    var place: String
    /// The object kind (`address`…) or the rule kind (`security`, `nat`…).
    var kind: String
  }

  private var entries: [Key: Entries] = [:]
  private var keyOrder: [Key] = []
  private var moves: [(key: Key, name: String, position: [String], line: Int)] = []
  private var groups: [String: (first: Int, count: Int)] = [:]
  private var groupOrder: [String] = []
  private var templatesSeen: Set<String> = []
  private var sharedGateways: Set<String> = []
  private var config = PaloAltoConfig()

  // MARK: What is known not to decide which packets pass

  /// Keys of a vsys, `shared` or a device group that are read.
  static let objectKinds: Set<String> = [
    "address", "address-group", "service", "service-group", "application", "application-group",
    "application-filter", "external-list", "region", "schedule",
  ]

  /// Keys of a vsys, `shared` or a device group that do not decide which packets a security rule passes (names,
  /// logging, content inspection of traffic already allowed, user identification sources, certificates, reports).
  static let irrelevantKinds: Set<String> = [
    "tag", "profiles", "profile-group", "log-settings", "threats", "botnet", "certificate", "certificate-profile",
    "ssl-tls-service-profile", "ssl-decrypt", "response-page", "server-profile", "reports", "report-group",
    "pdf-summary-report", "email-scheduler", "authentication-profile", "authentication-sequence",
    "local-user-database", "user-id-agent", "user-id-collector", "user-id-agent-sequence", "admin-role",
    "content-preview", "ocsp-responder", "scep", "global-protect", "display-name", "setting", "description",
    "url-admin-override", "application-tag", "dns-proxy", "log-forwarding", "override", "master-device",
    "device-object", "devices", "to-sw-version", "reference-templates", "address-object-name-length",
    "authority", "sdwan-interface-profile", "ts-agent", "redistribution-agent", "cloud-identity-engine",
    "zone-protection-profile", "admin-role-description", "alg-override", "hip-objects", "hip-profiles",
    "dynamic-user-group", "url-filtering", "content-id", "custom-url-category", "data-objects", "data-patterns",
    "vulnerability", "spyware", "file-blocking", "virus", "wildfire-analysis", "dos-protection",
    "decryption", "gtp", "sctp", "packet-broker", "mobile-network-protection", "ssl-decrypt-exclude-cert",
    "locale", "group-mapping", "captive-portal", "authentication-object", "access-domain",
  ]

  /// Device keys (`deviceconfig`, `network …`) that do not decide which packets a security rule passes.
  static let deviceKeys: Set<String> = [
    "deviceconfig", "network", "mgt-config", "platform", "panorama", "plugins", "log-collector",
    "log-collector-group", "wildfire-appliance", "firewall-cluster", "cloud",
  ]

  /// Vsys keys a `set` line may start with (it then belongs to `vsys1`).
  static let vsysKeys: Set<String> = objectKinds.union(irrelevantKinds).union(["zone", "rulebase", "import"])

  /// Rule kinds whose rules decide nothing Bulkhead models about which packets pass: noted.
  static let rulebaseNotes: Set<String> = ["decryption", "qos", "tunnel-inspect", "sdwan", "network-packet-broker"]
  /// Rule kinds that can drop or redirect traffic the security rules allow: a warning (the computed allowed set may
  /// be larger than the real one).
  static let rulebaseWarnings: [String: String] = [
    "dos": "DoS protection rules can drop traffic the security rules allow",
    "authentication": "authentication rules can hold traffic until a user authenticates",
    "captive-portal": "captive-portal rules can hold traffic until a user authenticates",
    "pbf": "policy-based forwarding changes the egress interface (and so the destination zone)",
  ]

  // MARK: Reading

  mutating func read(_ statements: [ConfigStatement]) -> PaloAltoConfig {
    let effective = applyCommands(statements)
    for statement in effective { dispatch(statement) }
    build()
    for key in groupOrder {
      guard let group = groups[key] else { continue }
      diagnostics.append(
        Diagnostic(
          .note, .panNotEvaluated,
          "\(key) (\(group.count) statement\(group.count == 1 ? "" : "s")) does not decide which packets a security "
            + "rule passes; not evaluated", at: location(group.first)))
    }
    return config
  }

  private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  private mutating func warn(_ line: Int, _ code: FirewallDiagnosticCode, _ message: String) {
    diagnostics.append(Diagnostic(.warning, code, message, at: location(line)))
  }

  private mutating func note(_ line: Int, _ code: FirewallDiagnosticCode, _ message: String) {
    diagnostics.append(Diagnostic(.note, code, message, at: location(line)))
  }

  private mutating func ignore(_ statement: ConfigStatement, group: String) {
    ignoredLines.formUnion(statement.line...max(statement.line, statement.lastLine))
    if let existing = groups[group] {
      groups[group] = (existing.first, existing.count + 1)
    } else {
      groups[group] = (statement.line, 1)
      groupOrder.append(group)
    }
  }

  private mutating func markRead(_ statement: ConfigStatement) {
    readLines.formUnion(statement.line...max(statement.line, statement.lastLine))
  }

  /// Applies `delete` and collects `move`; keeps every other statement (`set` or a definition) in order.
  private mutating func applyCommands(_ statements: [ConfigStatement]) -> [ConfigStatement] {
    var kept: [ConfigStatement] = []
    kept.reserveCapacity(statements.count)
    for statement in statements {
      switch statement.command {
      case nil, "set":
        kept.append(statement)
      case "delete":
        markRead(statement)
        // The statements a delete removes were read too: the delete at its line says what became of them.
        let removed = kept.filter { $0.hasPrefix(statement.words) }
        for gone in removed { markRead(gone) }
        kept.removeAll { $0.hasPrefix(statement.words) }
        if removed.isEmpty && !deleteListMember(statement, from: &kept) {
          note(statement.line, .panNotEvaluated, "'delete \(statement.words.joined(separator: " "))' deletes nothing")
        }
      case "move":
        markRead(statement)
        recordMove(statement)
      default:
        warn(
          statement.line, .syntax,
          "'\(statement.command ?? "")' is not a PAN-OS configuration command Bulkhead reads; line ignored")
      }
    }
    return kept
  }

  /// The keys whose value is a list of members (`source [ a b ]`, `members [ a b ]`, `layer3 [ ethernet1/1 … ]`).
  static let listKeys: Set<String> = [
    "from", "to", "source", "destination", "service", "application", "members", "static", "tag", "source-user",
    "category", "layer3", "layer2", "virtual-wire", "tap", "interface",
  ]

  /// `delete PATH VALUE` where a list was set (`set PATH [ A VALUE ]`): removes the member from the list, and the
  /// statement if nothing is left (PAN-OS CLI). Whether anything was removed.
  private func deleteListMember(_ statement: ConfigStatement, from kept: inout [ConfigStatement]) -> Bool {
    guard let value = statement.words.last, statement.words.count >= 2 else { return false }
    let path = Array(statement.words.dropLast())
    // Only keys whose value is a member list: elsewhere the last word names a node, not a member.
    guard let key = path.last, Self.listKeys.contains(key) else { return false }
    var removed = false
    for index in kept.indices.reversed() where kept[index].hasPrefix(path) && kept[index].words.count > path.count {
      var values = Array(kept[index].words[path.count...])
      guard let at = values.firstIndex(of: value) else { continue }
      values.remove(at: at)
      removed = true
      if values.isEmpty {
        kept.remove(at: index)
      } else {
        kept[index].words = path + values
      }
    }
    return removed
  }

  private mutating func recordMove(_ statement: ConfigStatement) {
    let words = statement.words
    var position: [String] = []
    var path = words[...]
    if let last = path.last, last == "top" || last == "bottom" {
      position = [last]
      path = path.dropLast()
    } else if path.count >= 2, path[path.count - 2] == "before" || path[path.count - 2] == "after" {
      position = Array(path.suffix(2))
      path = path.dropLast(2)
    }
    guard !position.isEmpty, case .owner(let owner) = Self.scope(Array(path)).scope else {
      return warn(statement.line, .syntax, "'move' needs a rule and top, bottom, before or after")
    }
    let rel = Self.scope(Array(path)).rest
    guard rel.count == 4, ["rulebase", "pre-rulebase", "post-rulebase"].contains(rel[rel.startIndex]),
      rel[rel.startIndex + 2] == "rules"
    else { return warn(statement.line, .syntax, "'move' of something that is not a rule; ignored") }
    let key = Key(owner: owner, place: rel[rel.startIndex], kind: rel[rel.startIndex + 1])
    moves.append((key, rel[rel.startIndex + 3], position, statement.line))
  }

  /// Splits a statement's words into where it belongs and the words after that.
  private static func scope(_ words: [String]) -> (scope: Scope, rest: ArraySlice<String>, template: String?) {
    var w = words[...]
    var template: String? = nil
    while let first = w.first {
      switch first {
      case "config":
        w = w.dropFirst()
      case "devices" where w.count >= 2:
        w = w.dropFirst(2)
      case "template" where w.count >= 2 && template == nil:
        template = w[w.startIndex + 1]
        w = w.dropFirst(2)
        // A template's own settings (variables, description); its device configuration follows `config`.
        guard w.first == "config" else { return (.other("template"), w, nil) }
      case "policy" where w.count >= 2 && w[w.startIndex + 1] == "panorama":
        return (.owner(.panorama), w.dropFirst(2), template)
      case "vsys" where w.count >= 2:
        return (.owner(.vsys(w[w.startIndex + 1])), w.dropFirst(2), template)
      case "device-group" where w.count >= 2:
        return (.owner(.deviceGroup(w[w.startIndex + 1])), w.dropFirst(2), template)
      case "shared":
        return (.owner(.shared), w.dropFirst(), template)
      case "readonly":
        return (.readonly, w.dropFirst(), template)
      case let key where deviceKeys.contains(key):
        return (.device, w, template)
      case let key where vsysKeys.contains(key):
        return (.owner(.vsys("vsys1")), w, template)
      default:
        return (.other(first), w, template)
      }
    }
    return (.device, w, template)
  }

  // MARK: Dispatch

  private mutating func dispatch(_ statement: ConfigStatement) {
    let (scope, rest, template) = Self.scope(statement.words)
    if let template, !templatesSeen.contains(template) {
      templatesSeen.insert(template)
      note(
        statement.line, .panNotEvaluated,
        "template \(template): its device configuration (zones, interfaces) is read as this firewall's own")
    }
    switch scope {
    case .owner(let owner):
      ownerStatement(owner, rest, statement)
    case .device:
      deviceStatement(rest, statement)
    case .readonly:
      // `readonly devices <d> device-group <dg> parent-dg <p>`: Panorama's record of the device-group tree.
      let words = Array(rest)
      if let dg = words.firstIndex(of: "device-group"), dg + 3 < words.count, words[dg + 2] == "parent-dg" {
        markRead(statement)
        ensureDeviceGroup(words[dg + 1], line: statement.line)
        config.deviceGroups[words[dg + 1]]?.parent = words[dg + 3]
      } else if statement.opensBlock {
        markRead(statement)
      } else {
        ignore(statement, group: "readonly")
      }
    case .other(let first):
      if statement.opensBlock && rest.count <= 1 {
        markRead(statement)
      } else if first == "template-stack" || first == "template" {
        ignore(statement, group: first)
      } else {
        warn(
          statement.line, .panNotModeled,
          "'\(statement.words.prefix(3).joined(separator: " "))' is not a PAN-OS configuration Bulkhead knows; ignored")
      }
    }
  }

  private mutating func add(_ key: Key, _ name: String, _ item: Item) {
    if entries[key] == nil { keyOrder.append(key) }
    entries[key, default: Entries()].add(name, item)
  }

  private mutating func ensureVsys(_ name: String, line: Int) {
    if config.vsys[name] == nil {
      config.vsys[name] = PaloAltoConfig.Vsys(name: name, line: line)
      config.vsysOrder.append(name)
    }
  }

  private mutating func ensureDeviceGroup(_ name: String, line: Int) {
    if config.deviceGroups[name] == nil {
      config.deviceGroups[name] = PaloAltoConfig.DeviceGroup(name: name, line: line)
      config.deviceGroupOrder.append(name)
    }
  }

  private mutating func ownerStatement(_ owner: Owner, _ rest: ArraySlice<String>, _ statement: ConfigStatement) {
    switch owner {
    case .vsys(let name): ensureVsys(name, line: statement.line)
    case .deviceGroup(let name): ensureDeviceGroup(name, line: statement.line)
    default: break
    }
    guard let first = rest.first else { return markRead(statement) }
    let after = rest.dropFirst()
    switch first {
    case let kind where Self.objectKinds.contains(kind):
      guard let name = after.first else { return markRead(statement) }
      add(Key(owner: owner, place: "objects", kind: kind), name, Item(words: after.dropFirst(), statement: statement))
    case "zone":
      guard case .vsys = owner else { return ignore(statement, group: "\(owner.text) zone") }
      guard let name = after.first else { return markRead(statement) }
      add(Key(owner: owner, place: "zone", kind: "zone"), name, Item(words: after.dropFirst(), statement: statement))
    case "rulebase", "pre-rulebase", "post-rulebase":
      rulebaseStatement(owner, place: first, after, statement)
    case "import":
      // `import network interface [ … ]`: the interfaces this vsys owns.
      if case .vsys(let name) = owner, after.starts(with: ["network", "interface"]) {
        markRead(statement)
        config.vsys[name]?.importedInterfaces += after.dropFirst(2)
      } else if statement.opensBlock {
        markRead(statement)
      } else {
        ignore(statement, group: "\(owner.text) import")
      }
    case "parent-dg":
      if case .deviceGroup(let name) = owner, let parent = after.first {
        markRead(statement)
        config.deviceGroups[name]?.parent = parent
      } else {
        warn(statement.line, .panNotModeled, "'parent-dg' outside a device group; ignored")
      }
    case "devices":
      if case .deviceGroup(let name) = owner {
        config.deviceGroups[name]?.hasDevices = true
      }
      ignore(statement, group: "\(owner.text) devices")
    case let kind where Self.irrelevantKinds.contains(kind):
      ignore(statement, group: "\(owner.text) \(kind)")
    default:
      warn(
        statement.line, .panNotModeled,
        "\(owner.text): '\(rest.prefix(3).joined(separator: " "))' is not a setting Bulkhead knows; ignored")
    }
  }

  private mutating func rulebaseStatement(
    _ owner: Owner, place: String, _ rest: ArraySlice<String>, _ statement: ConfigStatement
  ) {
    if case .vsys(let name) = owner, place == "rulebase" { config.vsys[name]?.hasRulebase = true }
    guard let kind = rest.first else { return markRead(statement) }
    let rulebaseName = "\(owner.text) \(place) \(kind)"
    switch kind {
    case "security", "nat", "application-override", "default-security-rules":
      let after = rest.dropFirst()
      guard let rules = after.first else { return markRead(statement) }
      guard rules == "rules" else {
        return warn(statement.line, .panNotModeled, "\(rulebaseName): '\(rules)' is not modeled; ignored")
      }
      guard let name = after.dropFirst().first else { return markRead(statement) }
      add(
        Key(owner: owner, place: place, kind: kind), name, Item(words: after.dropFirst(2), statement: statement))
    case let other where Self.rulebaseNotes.contains(other):
      ignore(statement, group: rulebaseName)
    case let other where Self.rulebaseWarnings[other] != nil:
      // One warning per rule (or one for the rulebase when it has none).
      let after = rest.dropFirst()
      if after.count <= 2 {
        markRead(statement)
        if after.count == 2, let why = Self.rulebaseWarnings[other] {
          warn(statement.line, .panNotModeled, "\(rulebaseName) rule \(after.last ?? ""): \(why); not modeled")
        }
      } else {
        ignore(statement, group: rulebaseName + " rules")
      }
    default:
      warn(statement.line, .panNotModeled, "\(rulebaseName): rulebase kind not known to Bulkhead; ignored")
    }
  }

  private mutating func deviceStatement(_ rest: ArraySlice<String>, _ statement: ConfigStatement) {
    let words = Array(rest)
    guard let first = words.first else { return markRead(statement) }
    if first == "network", words.count >= 2 {
      switch words[1] {
      case "interface":
        markRead(statement)
        interfaceStatement(Array(words.dropFirst(2)), line: statement.line)
        return
      case "shared-gateway":
        if words.count >= 3, sharedGateways.insert(words[2]).inserted {
          warn(
            statement.line, .panNotModeled,
            "shared gateway \(words[2]): traffic through it is not modeled (its zones are not evaluated)")
          markRead(statement)
        }
        ignore(statement, group: "network shared-gateway")
        return
      default:
        return ignore(statement, group: "network \(words[1])")
      }
    }
    if statement.opensBlock && words.count == 1 { return markRead(statement) }
    ignore(statement, group: first)
  }

  /// `network interface <kind> <name> [layer3|layer2|…] [units <unit>] …`: declares interface names.
  private mutating func interfaceStatement(_ words: [String], line: Int) {
    guard words.count >= 2 else { return }
    switch words[0] {
    case "ethernet", "aggregate-ethernet":
      config.interfaces[words[1], default: line] = min(config.interfaces[words[1]] ?? line, line)
      if let units = words.firstIndex(of: "units"), units + 1 < words.count {
        config.interfaces[words[units + 1], default: line] = min(config.interfaces[words[units + 1]] ?? line, line)
      }
    case "loopback", "tunnel", "vlan":
      config.interfaces[words[0], default: line] = min(config.interfaces[words[0]] ?? line, line)
      if words[1] == "units", words.count >= 3 {
        config.interfaces[words[2], default: line] = min(config.interfaces[words[2]] ?? line, line)
      }
    default:
      break
    }
  }

  // MARK: Building the typed configuration

  private mutating func build() {
    applyMoves()
    for key in keyOrder {
      guard let group = entries[key] else { continue }
      for name in group.order {
        let items = group.items[name] ?? []
        switch key.place {
        case "objects": object(key.owner, kind: key.kind, name: name, items)
        case "zone": zone(key.owner, name: name, items)
        default: rule(key, name: name, items)
        }
      }
    }
  }

  private mutating func applyMoves() {
    for move in moves {
      guard var group = entries[move.key], let from = group.order.firstIndex(of: move.name) else {
        warn(move.line, .panUnresolved, "'move' of rule \(move.name), which is not defined before it; ignored")
        continue
      }
      let name = group.order.remove(at: from)
      switch move.position[0] {
      case "top": group.order.insert(name, at: 0)
      case "bottom": group.order.append(name)
      default:
        guard let anchor = group.order.firstIndex(of: move.position[1]) else {
          group.order.insert(name, at: from)
          warn(move.line, .panUnresolved, "'move' relative to rule \(move.position[1]), which is not defined; ignored")
          entries[move.key] = group
          continue
        }
        group.order.insert(name, at: move.position[0] == "before" ? anchor : anchor + 1)
      }
      entries[move.key] = group
    }
  }

  /// The values of a key: every word after it, over all statements (lists grow line by line).
  private static func values(_ items: [Item], _ key: String) -> [String] {
    var out: [String] = []
    for item in items where item.words.first == key { out += item.words.dropFirst() }
    return out
  }

  /// The last single value written for a key, with its line.
  private static func value(_ items: [Item], _ key: String) -> (String, Int)? {
    guard let item = items.last(where: { $0.words.first == key && $0.words.count >= 2 }) else { return nil }
    return (item.words[item.words.startIndex + 1], item.statement.line)
  }

  private mutating func namespace(_ owner: Owner, _ change: (inout PaloAltoConfig.Namespace) -> Void) {
    switch owner {
    case .vsys(let name):
      // Taken out and put back: the value is then unique and changes in place (a copy per statement was
      // quadratic: 10k rules took 6 s).
      if var v = config.vsys.removeValue(forKey: name) {
        change(&v.objects)
        config.vsys[name] = v
      }
    case .shared: change(&config.shared)
    case .deviceGroup(let name):
      if var group = config.deviceGroups.removeValue(forKey: name) {
        change(&group.objects)
        config.deviceGroups[name] = group
      }
    case .panorama: change(&config.panorama)
    }
  }

  /// Reads the items of one object; keys it does not read are known irrelevant or reported.
  private mutating func object(_ owner: Owner, kind: String, name: String, _ items: [Item]) {
    let line = items.first?.statement.line ?? 0
    let irrelevant: Set<String> = ["description", "tag", "disable-override", "uuid", "override", "color", "comments"]
    var used: Set<String> = []
    func uses(_ keys: String...) { used.formUnion(keys) }
    switch kind {
    case "address":
      uses("ip-netmask", "ip-range", "fqdn", "ip-wildcard")
      var value: PaloAltoConfig.Address.Value = .unmodeled("no address given")
      if let (text, at) = Self.value(items, "ip-netmask") ?? Self.value(items, "ip-range") {
        if let range = PaloAltoValues.addressRange(text) {
          value = .ranges([range])
        } else {
          warn(at, .syntax, "address \(name): '\(text)' is not an address, block or range")
          value = .unmodeled("'\(text)' not understood")
        }
      } else if let (text, _) = Self.value(items, "fqdn") {
        value = .unmodeled("fqdn \(text) is resolved at run time")
      } else if let (text, _) = Self.value(items, "ip-wildcard") {
        value = .unmodeled("wildcard mask \(text)")
      }
      if case .unmodeled(let why) = value {
        warn(line, .panNotModeled, "address \(name): \(why); a rule naming it is not exact")
      }
      namespace(owner) { $0.addresses[name] = PaloAltoConfig.Address(name: name, value: value, line: line) }
    case "address-group":
      uses("static", "dynamic")
      var group = PaloAltoConfig.AddressGroup(name: name, members: Self.values(items, "static"), line: line)
      if items.contains(where: { $0.words.first == "dynamic" }) {
        let filter = items.filter { $0.words.first == "dynamic" }.flatMap { $0.words.dropFirst() }
          .filter { $0 != "filter" }.joined(separator: " ")
        group.dynamicFilter = filter
        warn(
          line, .panNotModeled,
          "address-group \(name) is dynamic (filter \(filter)): its members are known only at run time")
      }
      namespace(owner) { $0.addressGroups[name] = group }
    case "service":
      uses("protocol")
      var service = PaloAltoConfig.Service(name: name, entries: [], line: line)
      for item in items where item.words.first == "protocol" {
        let words = Array(item.words.dropFirst())
        guard let protoName = words.first else { continue }
        guard let proto = PaloAltoValues.serviceProtocol(protoName) else {
          warn(item.statement.line, .syntax, "service \(name): protocol '\(protoName)' not understood")
          continue
        }
        var destination: [PortRange] = []
        var source: [PortRange] = []
        var index = 1
        while index < words.count {
          let key = words[index]
          let text = index + 1 < words.count ? words[index + 1] : ""
          switch key {
          case "port", "source-port":
            guard let ranges = PaloAltoValues.ports(text) else {
              warn(item.statement.line, .syntax, "service \(name): \(key) '\(text)' not understood")
              index += 2
              continue
            }
            if key == "port" { destination += ranges } else { source += ranges }
            index += 2
          case "override":
            // Session timeouts of the service: they do not change what passes.
            index = words.count
          default:
            warn(item.statement.line, .panNotModeled, "service \(name): '\(key)' is not modeled")
            index += 2
          }
        }
        if destination.isEmpty && source.isEmpty && words.count == 1 { continue }
        let entry = PaloAltoConfig.ServiceEntry(proto: proto, destination: destination, source: source)
        if let existing = service.entries.firstIndex(where: { $0.proto == proto }) {
          service.entries[existing].destination += destination
          service.entries[existing].source += source
        } else {
          service.entries.append(entry)
        }
      }
      for index in service.entries.indices where service.entries[index].destination.isEmpty {
        warn(line, .panUnresolved, "service \(name) has no destination port; PAN-OS requires one (matches nothing)")
      }
      namespace(owner) { $0.services[name] = service }
    case "service-group", "application-group":
      uses("members")
      var members = Self.values(items, "members")
      // PAN-OS before 6.1 wrote a group's members without the `members` key.
      for item in items where item.words.count == 1 && !irrelevant.contains(item.words[item.words.startIndex]) {
        members.append(item.words[item.words.startIndex])
        used.insert(item.words[item.words.startIndex])
      }
      let group = PaloAltoConfig.Group(name: name, members: members, line: line)
      namespace(owner) {
        if kind == "service-group" { $0.serviceGroups[name] = group } else { $0.applicationGroups[name] = group }
      }
    case "application":
      uses(
        "default", "signature", "category", "subcategory", "technology", "risk", "parent-app", "timeout",
        "tcp-timeout", "udp-timeout", "tcp-half-closed-timeout", "tcp-time-wait-timeout", "evasive-behavior",
        "consume-big-bandwidth", "used-by-malware", "able-to-transfer-file", "has-known-vulnerability",
        "tunnel-other-application", "tunnel-applications", "prone-to-misuse", "pervasive-use", "file-type-ident",
        "virus-ident", "data-ident", "alg-disable-capability", "no-appid-caching", "spyware-ident")
      var application = PaloAltoConfig.Application(name: name, line: line)
      application.hasSignature = items.contains { $0.words.first == "signature" }
      for item in items where item.words.first == "default" {
        let words = Array(item.words.dropFirst())
        guard let what = words.first else { continue }
        switch what {
        case "port":
          for spec in words.dropFirst() {
            // `tcp/80,8080` or `udp/dynamic`.
            let parts = spec.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let proto = PaloAltoValues.serviceProtocol(parts[0]),
              let ports = PaloAltoValues.ports(parts[1])
            else {
              warn(item.statement.line, .panNotModeled, "application \(name): default port '\(spec)' not modeled")
              application.hasSignature = true
              continue
            }
            application.defaultPorts.append(PaloAltoConfig.ServiceEntry(proto: proto, destination: ports, source: []))
          }
        case "ident-by-ip-protocol":
          application.defaultProtocol = words.count > 1 ? UInt8(words[1]) : nil
        case "ident-by-icmp-type", "ident-by-icmp6-type":
          // `default ident-by-icmp-type type N [code M]`.
          let v6 = what == "ident-by-icmp6-type"
          let type = words.firstIndex(of: "type").flatMap { $0 + 1 < words.count ? UInt8(words[$0 + 1]) : nil }
          let code = words.firstIndex(of: "code").flatMap { $0 + 1 < words.count ? UInt8(words[$0 + 1]) : nil }
          application.defaultICMP.append((v6, type, code))
        default:
          warn(item.statement.line, .panNotModeled, "application \(name): default \(what) not modeled")
          application.hasSignature = true
        }
      }
      namespace(owner) { $0.applications[name] = application }
    case "application-filter", "external-list", "region", "schedule":
      used.formUnion(items.compactMap(\.words.first))
      let what: String =
        switch kind {
        case "application-filter": "application filter (App-ID categories)"
        case "external-list": "external dynamic list (fetched at run time)"
        case "region": "region object"
        default: "schedule (time-dependent)"
        }
      namespace(owner) { $0.unmodeledNames[name] = (what, line) }
    default:
      break
    }
    for item in items {
      guard let key = item.words.first else {
        markRead(item.statement)
        continue
      }
      if used.contains(key) || irrelevant.contains(key) || item.statement.opensBlock {
        markRead(item.statement)
      } else {
        warn(item.statement.line, .panNotModeled, "\(kind) \(name): '\(key)' is not modeled")
      }
    }
  }

  private mutating func zone(_ owner: Owner, name: String, _ items: [Item]) {
    guard case .vsys(let vsys) = owner else { return }
    var zone = PaloAltoConfig.Zone(name: name, line: items.first?.statement.line ?? 0)
    for item in items {
      let words = Array(item.words)
      markRead(item.statement)
      guard let first = words.first else { continue }
      switch first {
      case "network":
        guard words.count >= 2 else { continue }
        switch words[1] {
        case "layer3", "layer2", "virtual-wire", "tap", "tunnel":
          zone.kind = words[1]
          zone.interfaces += words.dropFirst(2)
        case "external":
          zone.kind = "external"
          if words.count == 3 || (words.count > 2 && !item.statement.opensBlock) {
            warn(
              item.statement.line, .panNotModeled,
              "zone \(name) is external (to vsys \(words.dropFirst(2).joined(separator: " "))): inter-vsys "
                + "traffic is not modeled")
          }
        case "zone-protection-profile", "log-setting", "enable-packet-buffer-protection", "lacp", "net-inspection":
          readLines.remove(item.statement.line)
          ignore(item.statement, group: "zone settings")
        default:
          if !item.statement.opensBlock {
            readLines.remove(item.statement.line)
            warn(item.statement.line, .panNotModeled, "zone \(name): network \(words[1]) is not modeled")
          }
        }
      case "enable-user-identification", "user-acl", "enable-device-identification", "device-acl":
        readLines.remove(item.statement.line)
        ignore(item.statement, group: "zone settings")
      default:
        readLines.remove(item.statement.line)
        warn(item.statement.line, .panNotModeled, "zone \(name): '\(first)' is not modeled")
      }
    }
    if config.vsys[vsys]?.zones[name] == nil { config.vsys[vsys]?.zoneOrder.append(name) }
    config.vsys[vsys]?.zones[name] = zone
  }

  // MARK: Rules

  private mutating func rulebase(_ key: Key, _ change: (inout PaloAltoConfig.Rulebase) -> Void) {
    switch (key.owner, key.place) {
    case (.vsys(let name), _):
      // Taken out and put back: the value is then unique and changes in place (a copy per statement was
      // quadratic: 10k rules took 6 s).
      if var v = config.vsys.removeValue(forKey: name) {
        change(&v.rulebase)
        config.vsys[name] = v
      }
    case (.shared, "pre-rulebase"): change(&config.sharedPre)
    case (.shared, _): change(&config.sharedPost)
    case (.deviceGroup(let name), "pre-rulebase"):
      if var group = config.deviceGroups.removeValue(forKey: name) {
        change(&group.pre)
        config.deviceGroups[name] = group
      }
    case (.deviceGroup(let name), _):
      if var group = config.deviceGroups.removeValue(forKey: name) {
        change(&group.post)
        config.deviceGroups[name] = group
      }
    case (.panorama, "pre-rulebase"): change(&config.panoramaPre)
    case (.panorama, _): change(&config.panoramaPost)
    }
  }

  /// Keys of a rule that do not change which packets it matches or what it does with them.
  static let ruleIrrelevant: Set<String> = [
    "description", "tag", "group-tag", "uuid", "log-start", "log-end", "log-setting", "profile-setting", "option",
    "qos", "icmp-unreachable", "disable-server-response-inspection", "active-active-device-binding", "nat-type",
    "rule-type-name", "source-imei", "source-imsi", "source-nssai", "source-device", "destination-device",
  ]

  private mutating func rule(_ key: Key, name: String, _ items: [Item]) {
    let line = items.first?.statement.line ?? 0
    let origin = key.place == "rulebase" ? key.owner.text : "\(key.place) of \(key.owner.text)"
    var used: Set<String> = ["from", "to", "source", "destination", "disabled", "target", "negate-target"]
    let disabled = PaloAltoValues.flag(Self.value(items, "disabled")?.0) ?? false
    var unmodeledTarget: [(String, Int)] = []
    if let target = items.first(where: { $0.words.first == "target" && $0.words.count > 1 }) {
      unmodeledTarget.append(
        (
          "target \(target.words.dropFirst().joined(separator: " ")) (Panorama: applies only to the listed devices)",
          target.statement.line
        ))
    }
    switch key.kind {
    case "security":
      used.formUnion([
        "negate-source", "negate-destination", "service", "application", "action", "rule-type", "source-user",
        "category", "source-hip", "destination-hip", "hip-profiles", "schedule",
      ])
      var rule = PaloAltoConfig.SecurityRule(name: name, line: line, origin: origin)
      rule.from = Self.values(items, "from")
      rule.to = Self.values(items, "to")
      rule.source = Self.values(items, "source")
      rule.destination = Self.values(items, "destination")
      rule.services = Self.values(items, "service")
      rule.applications = Self.values(items, "application")
      rule.negateSource = PaloAltoValues.flag(Self.value(items, "negate-source")?.0) ?? false
      rule.negateDestination = PaloAltoValues.flag(Self.value(items, "negate-destination")?.0) ?? false
      rule.disabled = disabled
      rule.unmodeled = unmodeledTarget
      if let (text, at) = Self.value(items, "action") {
        rule.actionLine = at
        if let action = PaloAltoConfig.SecurityRule.Action(rawValue: text) {
          rule.action = action
        } else {
          diagnostics.append(
            Diagnostic(
              .error, .syntax, "rule \(name): action '\(text)' not understood; the rule is not evaluated",
              at: location(at)))
        }
      }
      if let (text, at) = Self.value(items, "rule-type") {
        if let type = PaloAltoConfig.SecurityRule.RuleType(rawValue: text) {
          rule.ruleType = type
        } else {
          warn(at, .syntax, "rule \(name): rule-type '\(text)' not understood; taken as universal")
        }
      }
      for keyName in ["source-user", "category", "source-hip", "destination-hip", "hip-profiles"] {
        let values = Self.values(items, keyName)
        if !values.isEmpty && values != ["any"] {
          let at = items.first { $0.words.first == keyName }?.statement.line ?? line
          rule.unmodeled.append(("\(keyName) \(values.joined(separator: " "))", at))
        }
      }
      if let (schedule, at) = Self.value(items, "schedule") {
        rule.unmodeled.append(("schedule \(schedule) (time-dependent)", at))
      }
      rulebase(key) { $0.security.append(rule) }
    case "application-override":
      used.formUnion(["negate-source", "negate-destination", "protocol", "port", "application"])
      var rule = PaloAltoConfig.OverrideRule(name: name, line: line)
      rule.from = Self.values(items, "from")
      rule.to = Self.values(items, "to")
      rule.source = Self.values(items, "source")
      rule.destination = Self.values(items, "destination")
      rule.negateSource = PaloAltoValues.flag(Self.value(items, "negate-source")?.0) ?? false
      rule.negateDestination = PaloAltoValues.flag(Self.value(items, "negate-destination")?.0) ?? false
      rule.application = Self.value(items, "application")?.0
      rule.disabled = disabled
      if let (text, at) = Self.value(items, "protocol") {
        rule.proto = PaloAltoValues.serviceProtocol(text)
        if rule.proto == nil { warn(at, .syntax, "application-override \(name): protocol '\(text)' not understood") }
      }
      if let (text, at) = Self.value(items, "port") {
        if let ports = PaloAltoValues.ports(text) {
          rule.ports = ports
        } else {
          warn(at, .syntax, "application-override \(name): port '\(text)' not understood")
        }
      }
      rulebase(key) { $0.overrides.append(rule) }
    case "nat":
      used.formUnion([
        "service", "source-translation", "destination-translation", "to-interface", "bi-directional",
        "dynamic-destination-translation",
      ])
      var rule = PaloAltoConfig.NATRule(name: name, line: line)
      rule.from = Self.values(items, "from")
      rule.to = Self.values(items, "to")
      rule.source = Self.values(items, "source")
      rule.destination = Self.values(items, "destination")
      rule.service = Self.value(items, "service")?.0 ?? "any"
      rule.disabled = disabled
      for item in items where item.words.first == "source-translation" {
        let words = Array(item.words.dropFirst())
        guard let kind = words.first else { continue }
        rule.sourceTranslationKind = kind
        var addresses = rule.sourceTranslation ?? []
        if let index = words.firstIndex(of: "translated-address") {
          addresses += words[(index + 1)...].filter { $0 != "translated-address" }
        } else if words.contains("interface-address") {
          addresses += ["interface-address"]
        }
        rule.sourceTranslation = addresses
      }
      for item in items where item.words.first == "destination-translation" {
        let words = Array(item.words.dropFirst())
        if words.first == "translated-address" {
          rule.destinationTranslation = (rule.destinationTranslation ?? []) + words.dropFirst()
        } else if words.first == "translated-port", words.count > 1 {
          rule.translatedPort = words[1]
        } else if rule.destinationTranslation == nil {
          rule.destinationTranslation = []
        }
      }
      if items.contains(where: { $0.words.first == "dynamic-destination-translation" }) {
        rule.destinationTranslation =
          (rule.destinationTranslation ?? [])
          + Self.values(
            items.filter { $0.words.first == "dynamic-destination-translation" }.map {
              Item(words: $0.words.dropFirst(), statement: $0.statement)
            }, "translated-address")
      }
      rulebase(key) { $0.nat.append(rule) }
    case "default-security-rules":
      used.formUnion(["action"])
      if let (text, at) = Self.value(items, "action") {
        guard let action = PaloAltoConfig.SecurityRule.Action(rawValue: text) else {
          diagnostics.append(
            Diagnostic(
              .error, .invalidChainProperty, "default rule \(name): action '\(text)' not understood",
              at: location(at)))
          break
        }
        switch name {
        case "intrazone-default": rulebase(key) { $0.intrazoneDefault = (action, at) }
        case "interzone-default": rulebase(key) { $0.interzoneDefault = (action, at) }
        default: warn(at, .panNotModeled, "default rule '\(name)' is not intrazone-default or interzone-default")
        }
      }
    default:
      break
    }
    for item in items {
      guard let first = item.words.first else {
        markRead(item.statement)
        continue
      }
      if used.contains(first) || Self.ruleIrrelevant.contains(first) || item.statement.opensBlock {
        markRead(item.statement)
      } else {
        warn(item.statement.line, .panNotModeled, "\(key.kind) rule \(name): '\(first)' is not modeled")
      }
    }
  }
}
