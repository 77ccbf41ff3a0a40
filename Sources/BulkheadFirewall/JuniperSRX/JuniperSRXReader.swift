import BulkheadModel

/// Reads Junos statements (from the block syntax of `show configuration` or `set` lines, or both mixed) into
/// ``JuniperSRXConfig``, accounting for every statement: read into the configuration, known not to decide which
/// packets a security policy passes (one note per group), or reported at its line.
///
/// Commands (Junos CLI User Guide): `set` adds; `delete` removes what it names; `deactivate` marks it inactive
/// (`activate` undoes that), as `inactive:` does in the block syntax; `insert … before|after …` reorders
/// policies. `groups NAME …` with `apply-groups NAME` is inherited where it is applied; `apply-groups` naming a
/// group the file does not define is reported (its statements cannot be known).
struct JuniperSRXReader {
  let file: String
  var diagnostics: [Diagnostic] = []
  /// Lines of statements read into the configuration (or block headers, which only carry structure).
  var readLines: Set<Int> = []
  /// Lines of statements known not to decide which packets pass, or not in effect; each group has a note.
  var ignoredLines: Set<Int> = []

  init(file: String) {
    self.file = file
  }

  private var config = JuniperSRXConfig()
  private var groups: [String: (code: FirewallDiagnosticCode, first: Int, count: Int)] = [:]
  private var groupOrder: [String] = []
  private var inserts: [(from: String, to: String, name: String, before: Bool, anchor: String, line: Int)] = []
  /// Statements about one named entry, grouped in first-mention order.
  private var policyItems: [String: [(words: ArraySlice<String>, statement: ConfigStatement)]] = [:]
  private var policyOrder: [String] = []
  private var applicationItems: [String: [(words: ArraySlice<String>, statement: ConfigStatement)]] = [:]
  private var applicationOrder: [String] = []
  private var natItems: [String: [(words: ArraySlice<String>, statement: ConfigStatement)]] = [:]
  private var natOrder: [String] = []

  /// Top-level hierarchies that do not decide which packets a security policy passes.
  static let irrelevantTop: Set<String> = [
    "version", "system", "chassis", "snmp", "protocols", "routing-options", "policy-options", "class-of-service",
    "forwarding-options", "event-options", "services", "access", "vlans", "bridge-domains", "poe",
    "ethernet-switching-options", "switch-options", "virtual-chassis", "smtp", "multi-chassis", "accounting-options",
    "access-profile", "wlan", "protection-group", "routing-instances", "dynamic-profiles", "jsrc", "diameter",
    "schedulers", "tenants", "fabric", "rename",
  ]

  /// `security` hierarchies that do not decide which packets a policy passes (VPN set-up, logging, screens that drop
  /// attack traffic, content inspection of permitted traffic, certificates).
  static let irrelevantSecurity: Set<String> = [
    "ike", "ipsec", "log", "screen", "alg", "application-tracking", "idp", "utm", "ssl", "pki", "ssh-known-hosts",
    "authentication-key-chains", "user-identification", "dynamic-address", "application-firewall", "flow",
    "forwarding-options", "forwarding-process", "group-vpn", "gprs", "dhcpv6-relay", "advance-policy-based-routing",
    "macsec", "cloud", "tcp-encap", "distribution-profile", "ipsec-policy", "resource-manager", "analysis",
    "traceoptions", "aaa", "datapath-debug", "remote-access", "l3vpn", "monitoring", "nat64-prefix",
  ]

  // MARK: Reading

  mutating func read(_ statements: [ConfigStatement]) -> JuniperSRXConfig {
    for statement in effective(statements) { dispatch(statement) }
    buildApplications()
    buildPolicies()
    buildNAT()
    for key in groupOrder {
      guard let group = groups[key] else { continue }
      let what =
        group.code == .srxInactive
        ? "is inactive; not evaluated" : "does not decide which packets a security policy passes; not evaluated"
      diagnostics.append(
        Diagnostic(
          .note, group.code, "\(key) (\(group.count) statement\(group.count == 1 ? "" : "s")) \(what)",
          at: SourceLocation(file: file, line: group.first)))
    }
    return config
  }

  private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

  private mutating func warn(_ line: Int, _ code: FirewallDiagnosticCode, _ message: String) {
    diagnostics.append(Diagnostic(.warning, code, message, at: location(line)))
  }

  private mutating func markRead(_ statement: ConfigStatement) {
    readLines.formUnion(statement.line...max(statement.line, statement.lastLine))
  }

  private mutating func ignore(
    _ statement: ConfigStatement, group: String, code: FirewallDiagnosticCode = .srxNotEvaluated, at line: Int? = nil
  ) {
    ignoredLines.formUnion(statement.line...max(statement.line, statement.lastLine))
    if let existing = groups[group] {
      groups[group] = (existing.code, existing.first, existing.count + 1)
    } else {
      groups[group] = (code, line ?? statement.line, 1)
      groupOrder.append(group)
    }
  }

  /// Removes the statements a `delete` (or `delete:`) names; they were read: the delete says what became of them.
  private mutating func remove(_ prefix: [String], from kept: inout [ConfigStatement]) {
    for gone in kept where gone.hasPrefix(prefix) { markRead(gone) }
    kept.removeAll { $0.hasPrefix(prefix) }
  }

  /// The statements in effect, in order: commands applied, groups inherited, inactive ones noted and dropped.
  private mutating func effective(_ statements: [ConfigStatement]) -> [ConfigStatement] {
    var kept: [ConfigStatement] = []
    var inactive: [(prefix: [String], line: Int)] = []
    for statement in statements {
      if statement.annotation == "delete" {
        markRead(statement)
        remove(statement.words, from: &kept)
        continue
      }
      switch statement.command {
      case nil, "set":
        kept.append(statement)
      case "delete":
        markRead(statement)
        remove(statement.words, from: &kept)
      case "deactivate":
        markRead(statement)
        inactive.append((statement.words, statement.line))
      case "activate":
        markRead(statement)
        inactive.removeAll { $0.prefix == statement.words }
      case "insert":
        markRead(statement)
        recordInsert(statement)
      case "annotate", "protect", "unprotect":
        ignore(statement, group: statement.command ?? "")
      default:
        warn(
          statement.line, .syntax,
          "'\(statement.command ?? "")' is not a Junos configuration command Bulkhead reads; line ignored")
      }
    }
    // Groups: `groups NAME <statement>` is inherited where `apply-groups NAME` is written.
    var definitions: [String: [ConfigStatement]] = [:]
    var main: [ConfigStatement] = []
    for statement in kept {
      if statement.words.first == "groups", statement.words.count >= 2 {
        markRead(statement)
        if statement.words.count > 2 { definitions[statement.words[1], default: []].append(statement) }
      } else {
        main.append(statement)
      }
    }
    var result: [ConfigStatement] = []
    for statement in main {
      guard let index = statement.words.firstIndex(where: { $0 == "apply-groups" || $0 == "apply-groups-except" })
      else {
        result.append(statement)
        continue
      }
      markRead(statement)
      let at = Array(statement.words[..<index])
      let names = statement.words[(index + 1)...]
      if statement.words[index] == "apply-groups-except" {
        warn(
          statement.line, .srxNotModeled,
          "apply-groups-except \(names.joined(separator: " ")): groups inherited from above are not excluded here")
        continue
      }
      for name in names {
        guard let group = definitions[name] else {
          if name != "junos-defaults" {
            warn(
              statement.line, .srxUnresolved,
              "apply-groups \(name): the group is not defined in this file; what it adds is not known")
          }
          continue
        }
        for inherited in group {
          let body = Array(inherited.words.dropFirst(2))
          guard let matched = Self.match(body, under: at) else { continue }
          var copy = inherited
          copy.words = matched
          result.append(copy)
        }
      }
    }
    // What deactivate named, or inactive: marked, is not in effect.
    var active: [ConfigStatement] = []
    for statement in result {
      if let deactivated = inactive.first(where: { statement.hasPrefix($0.prefix) }) {
        // Reported at the `deactivate` line that says so.
        ignore(
          statement, group: "deactivate \(deactivated.prefix.joined(separator: " "))", code: .srxInactive,
          at: deactivated.line)
        continue
      }
      if statement.inactive {
        let words = statement.words.prefix(statement.words.first == "security" ? 4 : 2).joined(separator: " ")
        ignore(statement, group: "inactive \(words)", code: .srxInactive)
        continue
      }
      active.append(statement)
    }
    return active
  }

  /// A group statement's words placed under `prefix`, `<pattern>` wildcards matched against it; `nil` when the
  /// statement is not under that level.
  private static func match(_ body: [String], under prefix: [String]) -> [String]? {
    guard body.count > prefix.count else { return prefix.isEmpty ? body : nil }
    var words = body
    for (index, word) in prefix.enumerated() {
      let pattern = body[index]
      if pattern == word { continue }
      guard pattern.hasPrefix("<"), pattern.hasSuffix(">") else { return nil }
      let glob = pattern.dropFirst().dropLast()
      if glob == "*" || (glob.hasSuffix("*") && word.hasPrefix(glob.dropLast())) {
        words[index] = word
      } else {
        return nil
      }
    }
    return words
  }

  private mutating func recordInsert(_ statement: ConfigStatement) {
    // insert security policies from-zone A to-zone B policy P before|after policy Q
    let w = statement.words
    guard w.count == 11, w[0] == "security", w[1] == "policies", w[2] == "from-zone", w[4] == "to-zone",
      w[6] == "policy", w[8] == "before" || w[8] == "after", w[9] == "policy"
    else {
      return warn(statement.line, .srxNotModeled, "'insert' of something that is not a zone policy; ignored")
    }
    inserts.append((w[3], w[5], w[7], w[8] == "before", w[10], statement.line))
  }

  // MARK: Dispatch

  private mutating func dispatch(_ statement: ConfigStatement) {
    let w = statement.words
    guard let first = w.first else { return markRead(statement) }
    if statement.opensBlock && w.count <= 1 { return markRead(statement) }
    switch first {
    case "security":
      security(Array(w.dropFirst()), statement)
    case "applications":
      guard w.count >= 3, w[1] == "application" || w[1] == "application-set" else {
        return statement.opensBlock
          ? markRead(statement)
          : warn(statement.line, .srxNotModeled, "applications: '\(w.dropFirst().joined(separator: " "))' not modeled")
      }
      let key = "\(w[1]) \(w[2])"
      if applicationItems[key] == nil { applicationOrder.append(key) }
      applicationItems[key, default: []].append((w.dropFirst(3), statement))
    case "interfaces":
      interface(Array(w.dropFirst()), statement)
    case "firewall":
      ignore(statement, group: "firewall (stateless filters; see the interfaces that apply them)")
    case "logical-systems":
      if w.count == 2 || (w.count > 2 && statement.opensBlock && w.count == 2) {
        warn(statement.line, .srxNotModeled, "logical system \(w[1]): a separate firewall, not evaluated")
      }
      ignore(statement, group: "logical-systems")
    case let top where Self.irrelevantTop.contains(top):
      ignore(statement, group: top)
    default:
      warn(
        statement.line, .srxNotModeled,
        "'\(w.prefix(3).joined(separator: " "))' is not a Junos hierarchy Bulkhead knows; ignored")
    }
  }

  private mutating func interface(_ w: [String], _ statement: ConfigStatement) {
    guard let name = w.first else { return markRead(statement) }
    if name == "interface-range" || name == "traceoptions" { return ignore(statement, group: "interfaces \(name)") }
    var unit: String? = nil
    if w.count >= 3, w[1] == "unit" { unit = "\(name).\(w[2])" }
    config.interfaces[name, default: statement.line] = min(config.interfaces[name] ?? statement.line, statement.line)
    if let unit {
      config.interfaces[unit, default: statement.line] = min(config.interfaces[unit] ?? statement.line, statement.line)
    }
    // `family inet filter input|output F`: a stateless filter on the interface, checked before security policies.
    if let family = w.firstIndex(of: "family"), family + 2 < w.count, w[family + 2] == "filter" {
      markRead(statement)
      if w.count > family + 4 {
        warn(
          statement.line, .srxNotModeled,
          "interface \(unit ?? name): firewall filter \(w[family + 4]) (\(w[family + 3])) is not modeled: it can drop "
            + "packets the security policies permit")
      }
      return
    }
    if w.count <= 3 || statement.opensBlock { return markRead(statement) }
    ignore(statement, group: "interfaces (addresses, units, media)")
  }

  private mutating func security(_ w: [String], _ statement: ConfigStatement) {
    guard let first = w.first else { return markRead(statement) }
    switch first {
    case "policies":
      config.hasSecurity = true
      policyStatement(Array(w.dropFirst()), statement)
    case "zones":
      config.hasSecurity = true
      zoneStatement(Array(w.dropFirst()), statement)
    case "address-book":
      guard w.count >= 2 else { return markRead(statement) }
      addressBook(named: w[1], Array(w.dropFirst(2)), statement)
    case "nat":
      natStatement(Array(w.dropFirst()), statement)
    case let other where Self.irrelevantSecurity.contains(other):
      if other == "flow", w.contains("no-syn-check") || w.contains("no-sequence-check") {
        warn(
          statement.line, .srxNotModeled,
          "security flow \(w.dropFirst().joined(separator: " ")): sessions may start without a SYN; Bulkhead drops "
            + "packets that start no session")
        return markRead(statement)
      }
      ignore(statement, group: "security \(other)")
    default:
      warn(statement.line, .srxNotModeled, "security \(first) is not a Junos hierarchy Bulkhead knows; ignored")
    }
  }

  // MARK: Zones and address books

  private mutating func zoneStatement(_ w: [String], _ statement: ConfigStatement) {
    guard w.count >= 2 else { return markRead(statement) }
    if w[0] == "functional-zone" { return ignore(statement, group: "security zones functional-zone") }
    guard w[0] == "security-zone" else {
      return warn(statement.line, .srxNotModeled, "security zones \(w[0]) is not modeled")
    }
    let name = w[1]
    if config.zones[name] == nil {
      config.zones[name] = JuniperSRXConfig.Zone(name: name, line: statement.line)
      config.zoneOrder.append(name)
    }
    guard w.count >= 3 else { return markRead(statement) }
    switch w[2] {
    case "interfaces":
      guard w.count >= 4 else { return markRead(statement) }
      markRead(statement)
      if !(config.zones[name]?.interfaces.contains(w[3]) ?? true) { config.zones[name]?.interfaces.append(w[3]) }
      if w.count > 4 {
        readLines.remove(statement.line)
        ignore(statement, group: "host-inbound-traffic")
      }
    case "address-book":
      addressBook(named: "zone \(name)", Array(w.dropFirst(3)), statement, zone: name)
    case "host-inbound-traffic", "screen", "tcp-rst", "application-tracking", "description",
      "advance-policy-based-routing-profile", "enable-reverse-reroute", "source-identity-log":
      ignore(statement, group: "security zones settings (\(w[2]))")
    default:
      warn(statement.line, .srxNotModeled, "security zone \(name): '\(w[2])' is not modeled")
    }
  }

  private mutating func addressBook(
    named bookName: String, _ w: [String], _ statement: ConfigStatement, zone: String? = nil
  ) {
    func update(_ change: (inout JuniperSRXConfig.AddressBook) -> Void) {
      if bookName == "global" {
        change(&config.globalBook)
      } else {
        var book = config.books[bookName] ?? JuniperSRXConfig.AddressBook(name: bookName)
        if let zone, !book.zones.contains(zone) { book.zones.append(zone) }
        change(&book)
        config.books[bookName] = book
      }
    }
    update { _ in }
    guard let kind = w.first, w.count >= 2 else { return markRead(statement) }
    let name = w[1]
    let rest = Array(w.dropFirst(2))
    switch kind {
    case "address":
      markRead(statement)
      guard let value = rest.first else { return }
      var entry: JuniperSRXConfig.Address.Value
      switch value {
      case "description":
        return
      case "range-address":
        if rest.count >= 4, rest[2] == "to", let a = IPAddress(rest[1]), let b = IPAddress(rest[3]),
          let range = AddressRange(first: a, last: b)
        {
          entry = .ranges([range])
        } else {
          entry = .unmodeled("range-address not understood")
        }
      case "dns-name":
        entry = .unmodeled("dns-name \(rest.count > 1 ? rest[1] : "?") is resolved at run time")
      case "wildcard-address":
        entry = .unmodeled("wildcard-address \(rest.count > 1 ? rest[1] : "?")")
      default:
        if let network = IPNetwork(value) {
          entry = .ranges([AddressRange(network)])
        } else {
          warn(statement.line, .syntax, "address \(name): '\(value)' is not a prefix")
          entry = .unmodeled("'\(value)' not understood")
        }
      }
      if case .unmodeled(let why) = entry {
        warn(statement.line, .srxNotModeled, "address \(name): \(why); a policy naming it is not exact")
      }
      update { $0.addresses[name] = JuniperSRXConfig.Address(name: name, value: entry, line: statement.line) }
    case "address-set":
      markRead(statement)
      update { book in
        var set = book.sets[name] ?? ([], statement.line)
        if rest.count >= 2, rest[0] == "address" || rest[0] == "address-set" { set.members.append(rest[1]) }
        book.sets[name] = set
      }
    case "attach":
      markRead(statement)
      if rest.isEmpty && name == "zone" { return }
      if name == "zone", let zone = rest.first { update { if !$0.zones.contains(zone) { $0.zones.append(zone) } } }
    case "description":
      ignore(statement, group: "address-book descriptions")
    default:
      warn(statement.line, .srxNotModeled, "address-book \(bookName): '\(kind)' is not modeled")
    }
  }

  // MARK: Policies

  private mutating func policyStatement(_ w: [String], _ statement: ConfigStatement) {
    guard let first = w.first else { return markRead(statement) }
    switch first {
    case "from-zone":
      guard w.count >= 4, w[2] == "to-zone" else {
        return statement.opensBlock ? markRead(statement) : warn(statement.line, .syntax, "from-zone without to-zone")
      }
      let (from, to) = (w[1], w[3])
      if !config.contexts.contains(where: { $0.from == from && $0.to == to }) {
        config.contexts.append((from, to, statement.line, []))
      }
      guard w.count >= 6, w[4] == "policy" else {
        if w.count > 4 && !statement.opensBlock {
          warn(statement.line, .srxNotModeled, "from-zone \(from) to-zone \(to): '\(w[4])' is not modeled")
        } else {
          markRead(statement)
        }
        return
      }
      let key = "\(from)\u{1}\(to)\u{1}\(w[5])"
      if policyItems[key] == nil { policyOrder.append(key) }
      policyItems[key, default: []].append((w.dropFirst(6), statement))
    case "global":
      guard w.count >= 3, w[1] == "policy" else { return markRead(statement) }
      let key = "\u{1}\u{1}\(w[2])"
      if policyItems[key] == nil { policyOrder.append(key) }
      policyItems[key, default: []].append((w.dropFirst(3), statement))
    case "default-policy":
      markRead(statement)
      guard w.count >= 2 else { return }
      switch w[1] {
      case "permit-all": config.defaultPolicy = (.permit, statement.line)
      case "deny-all": config.defaultPolicy = (.deny, statement.line)
      default:
        diagnostics.append(
          Diagnostic(
            .error, .invalidChainProperty, "default-policy '\(w[1])' is not permit-all or deny-all",
            at: location(statement.line)))
      }
    case "policy-rematch", "policy-stats", "traceoptions", "pre-id-default-policy", "unified-policy",
      "stateful-firewall-rule", "stateful-firewall-rule-set":
      ignore(statement, group: "security policies \(first)")
    default:
      warn(statement.line, .srxNotModeled, "security policies \(first) is not modeled")
    }
  }

  private mutating func buildPolicies() {
    for key in policyOrder {
      let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
      let items = policyItems[key] ?? []
      let line = items.first?.statement.line ?? 0
      var policy = JuniperSRXConfig.Policy(name: parts[2], line: line)
      if !parts[0].isEmpty { policy.context = (parts[0], parts[1]) }
      for (words, statement) in items {
        let w = Array(words)
        guard let first = w.first else {
          markRead(statement)
          continue
        }
        markRead(statement)
        switch first {
        case "match":
          guard w.count >= 2 else { continue }
          let values = Array(w.dropFirst(2))
          switch w[1] {
          case "source-address": policy.sources += values
          case "destination-address": policy.destinations += values
          case "application": policy.applications += values
          case "source-address-excluded": policy.sourceExcluded = true
          case "destination-address-excluded": policy.destinationExcluded = true
          case "from-zone": policy.fromZones += values
          case "to-zone": policy.toZones += values
          case "dynamic-application":
            if !values.isEmpty && values != ["any"] && values != ["none"] {
              policy.unmodeled.append(("dynamic-application \(values.joined(separator: " ")) (AppID)", statement.line))
            }
          case "source-identity", "url-category", "source-end-user-profile":
            if !values.isEmpty && values != ["any"] {
              policy.unmodeled.append(("\(w[1]) \(values.joined(separator: " "))", statement.line))
            }
          default:
            if !statement.opensBlock {
              readLines.remove(statement.line)
              warn(statement.line, .srxNotModeled, "policy \(policy.name): match \(w[1]) is not modeled")
            }
          }
        case "then":
          guard w.count >= 2 else { continue }
          switch w[1] {
          case "permit":
            policy.action = .permit
            if w.count > 2 {
              let what = w[2]
              if what == "tunnel" {
                warn(
                  statement.line, .srxNotModeled,
                  "policy \(policy.name): permit into a tunnel (\(w.dropFirst(3).joined(separator: " "))); evaluated as permit"
                )
              } else if what == "destination-address" || what == "application-services"
                || what == "firewall-authentication"
              {
                if what == "firewall-authentication" {
                  policy.unmodeled.append(("firewall-authentication (a user must authenticate)", statement.line))
                } else {
                  readLines.remove(statement.line)
                  ignore(statement, group: "policy then permit \(what)")
                }
              }
            }
          case "deny": policy.action = .deny
          case "reject": policy.action = .reject
          case "log", "count":
            readLines.remove(statement.line)
            ignore(statement, group: "policy then log/count")
          default:
            readLines.remove(statement.line)
            warn(statement.line, .srxNotModeled, "policy \(policy.name): then \(w[1]) is not modeled")
          }
        case "scheduler-name":
          policy.unmodeled.append(("scheduler \(w.count > 1 ? w[1] : "?") (time-dependent)", statement.line))
        case "description":
          readLines.remove(statement.line)
          ignore(statement, group: "policy descriptions")
        default:
          readLines.remove(statement.line)
          warn(statement.line, .srxNotModeled, "policy \(policy.name): '\(first)' is not modeled")
        }
      }
      if let context = policy.context {
        guard let index = config.contexts.firstIndex(where: { $0.from == context.from && $0.to == context.to }) else {
          continue
        }
        config.contexts[index].policies.append(policy)
      } else {
        config.globalPolicies.append(policy)
      }
    }
    for insert in inserts {
      guard let index = config.contexts.firstIndex(where: { $0.from == insert.from && $0.to == insert.to }),
        let from = config.contexts[index].policies.firstIndex(where: { $0.name == insert.name })
      else {
        warn(insert.line, .srxUnresolved, "'insert' of policy \(insert.name), which is not defined; ignored")
        continue
      }
      let policy = config.contexts[index].policies.remove(at: from)
      guard let anchor = config.contexts[index].policies.firstIndex(where: { $0.name == insert.anchor }) else {
        config.contexts[index].policies.insert(policy, at: from)
        warn(insert.line, .srxUnresolved, "'insert' relative to policy \(insert.anchor), which is not defined; ignored")
        continue
      }
      config.contexts[index].policies.insert(policy, at: insert.before ? anchor : anchor + 1)
    }
  }

  // MARK: Applications

  private mutating func buildApplications() {
    for key in applicationOrder {
      let items = applicationItems[key] ?? []
      let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
      let (kind, name) = (parts[0], parts[1])
      let line = items.first?.statement.line ?? 0
      if kind == "application-set" {
        var members: [String] = []
        for (words, statement) in items {
          markRead(statement)
          let w = Array(words)
          if w.count >= 2, w[0] == "application" || w[0] == "application-set" {
            members.append(w[1])
          } else if w.first == "description" {
            readLines.remove(statement.line)
            ignore(statement, group: "application descriptions")
          } else if !w.isEmpty && !statement.opensBlock {
            readLines.remove(statement.line)
            warn(statement.line, .srxNotModeled, "application-set \(name): '\(w[0])' is not modeled")
          }
        }
        config.applicationSets[name] = (members, line)
        continue
      }
      // Properties written on the application itself form one term; each `term T …` another.
      var terms: [String: JuniperSRXConfig.Term] = [:]
      var termOrder: [String] = []
      for (words, statement) in items {
        markRead(statement)
        var w = Array(words)
        var termName = ""
        if w.first == "term", w.count >= 2 {
          termName = w[1]
          w = Array(w.dropFirst(2))
        }
        if terms[termName] == nil {
          terms[termName] = JuniperSRXConfig.Term()
          termOrder.append(termName)
        }
        var index = 0
        while index < w.count {
          let keyword = w[index]
          let value = index + 1 < w.count ? w[index + 1] : ""
          index += 2
          switch keyword {
          case "protocol":
            if let proto = JunosApplications.proto(value) {
              terms[termName]?.proto = proto
            } else {
              warn(statement.line, .syntax, "application \(name): protocol '\(value)' not understood")
              terms[termName]?.unmodeled = "protocol \(value)"
            }
          case "destination-port", "source-port":
            guard let range = JunosApplications.portRange(value) else {
              warn(statement.line, .syntax, "application \(name): \(keyword) '\(value)' not understood")
              terms[termName]?.unmodeled = "\(keyword) \(value)"
              continue
            }
            if keyword == "destination-port" {
              terms[termName]?.destination.append(range)
            } else {
              terms[termName]?.source.append(range)
            }
          case "icmp-type", "icmp6-type":
            let names = keyword == "icmp-type" ? JunosApplications.icmpTypes : JunosApplications.icmp6Types
            if let number = UInt8(value) ?? names[value] {
              terms[termName]?.icmpType = number
              if keyword == "icmp6-type" { terms[termName]?.proto = 58 }
            } else {
              warn(statement.line, .syntax, "application \(name): \(keyword) '\(value)' not understood")
              terms[termName]?.unmodeled = "\(keyword) \(value)"
            }
          case "icmp-code", "icmp6-code":
            if let number = UInt8(value) {
              terms[termName]?.icmpCode = number
            } else {
              terms[termName]?.unmodeled = "\(keyword) \(value)"
              warn(statement.line, .srxNotModeled, "application \(name): \(keyword) '\(value)' is not modeled")
            }
          case "rpc-program-number", "uuid":
            terms[termName]?.unmodeled = "\(keyword) \(value) (the RPC service is found in the traffic)"
          case "inactivity-timeout", "application-protocol", "alg", "description", "ttl-threshold",
            "snmp-command", "do-not-translate-A-query-to-AAAA-query", "do-not-translate-AAAA-query-to-A-query",
            "learn-sip-register", "sip-call-hold-timeout":
            // Timeouts, the ALG and names: they do not change which packets start the session.
            if keyword.hasPrefix("do-not") || keyword == "learn-sip-register" { index -= 1 }
          default:
            if !statement.opensBlock {
              warn(statement.line, .srxNotModeled, "application \(name): '\(keyword)' is not modeled")
            }
          }
        }
      }
      var result: [JuniperSRXConfig.Term] = []
      for termName in termOrder {
        guard let term = terms[termName] else { continue }
        // The application-level term carries only what the terms do not (an application with terms and no
        // properties of its own has an empty unnamed term from its header).
        if termName.isEmpty && termOrder.count > 1 && term == JuniperSRXConfig.Term() { continue }
        result.append(term)
      }
      for term in result where term.unmodeled == nil && term.proto == nil && !term.destination.isEmpty {
        warn(line, .srxUnresolved, "application \(name) gives ports without a protocol; it matches nothing")
      }
      config.applications[name] = JuniperSRXConfig.Application(name: name, terms: result, line: line)
    }
  }

  // MARK: NAT

  private mutating func natStatement(_ w: [String], _ statement: ConfigStatement) {
    guard let kind = w.first else { return markRead(statement) }
    guard ["source", "destination", "static"].contains(kind) else {
      return ignore(statement, group: "security nat \(kind)")
    }
    if w.count >= 4, w[1] == "pool" {
      markRead(statement)
      if w[3] == "address", w.count >= 5 {
        config.pools["\(kind) \(w[2])", default: []].append(w.count >= 7 && w[5] == "to" ? "\(w[4])-\(w[6])" : w[4])
      } else if !statement.opensBlock {
        readLines.remove(statement.line)
        ignore(statement, group: "security nat pool settings")
      }
      return
    }
    guard w.count >= 5, w[1] == "rule-set", w[3] == "rule" else {
      if w.count >= 3, w[1] == "rule-set" { return markRead(statement) }
      return statement.opensBlock ? markRead(statement) : ignore(statement, group: "security nat \(kind) settings")
    }
    let key = "\(kind)\u{1}\(w[2])\u{1}\(w[4])"
    if natItems[key] == nil { natOrder.append(key) }
    natItems[key, default: []].append((w.dropFirst(5), statement))
  }

  private mutating func buildNAT() {
    for key in natOrder {
      let parts = key.split(separator: "\u{1}").map(String.init)
      let items = natItems[key] ?? []
      let line = items.first?.statement.line ?? 0
      var rule = JuniperSRXConfig.NATRule(
        kind: parts[0] == "source" ? .source : .destination, name: parts[2], line: line,
        description: "security nat \(parts[0]) rule-set \(parts[1]) rule \(parts[2])")
      var translates = false
      for (words, statement) in items {
        markRead(statement)
        let w = Array(words)
        guard w.count >= 2 else { continue }
        if w[0] == "match" {
          switch w[1] {
          case "source-address": rule.sources += w.dropFirst(2)
          case "destination-address": rule.destinations += w.dropFirst(2)
          case "source-address-name": rule.sources += w.dropFirst(2)
          case "destination-address-name": rule.destinations += w.dropFirst(2)
          default: break
          }
        } else if w[0] == "then", w.count >= 3 {
          translates = translates || w[2] != "off"
          switch (w[1], w[2]) {
          case ("source-nat", "pool"), ("destination-nat", "pool"):
            if w.count >= 4 { rule.translated += config.pools["\(parts[0]) \(w[3])"] ?? [w[3]] }
          case ("static-nat", "prefix"):
            if w.count >= 4 { rule.translated.append(w[3]) }
          default: break
          }
        }
      }
      if translates { config.nat.append(rule) }
    }
  }
}
