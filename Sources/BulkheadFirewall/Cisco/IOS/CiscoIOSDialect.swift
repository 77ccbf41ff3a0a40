import BulkheadModel

extension FirewallVendor {
  /// Cisco IOS and IOS-XE routers (access lists, zone-based firewall).
  public static let ciscoIOS = FirewallVendor(rawValue: "cisco-ios")
}

/// Cisco IOS / IOS-XE `show running-config` output or a saved configuration.
public struct CiscoIOSDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .ciscoIOS }
  public var aliases: [String] { ["ios", "ios-xe", "iosxe"] }
  public var formats: String { "Cisco IOS / IOS-XE show running-config" }

  /// `version N`, `ip access-list`, `ipv6 access-list`, a numbered `access-list N permit|deny|remark`,
  /// `ip access-group` on an interface, zones and inspect maps, `object-group ip port`, IOS-only `ip` commands,
  /// or an extended entry written with a wildcard mask (the ASA writes subnet masks).
  public func sniff(_ text: String) -> Int? {
    let ipCommands: Set<String> = [
      "access-list", "access-group", "nat", "route", "vrf", "prefix-list", "community-list", "domain", "cef",
      "forward-protocol", "http", "bgp-community", "tcp", "inspect", "name-server", "ssh", "multicast-routing",
    ]
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
      guard let first = words.first else { continue }
      let second = words.count > 1 ? words[1] : ""
      let evidence: Bool
      switch first {
      case "version": evidence = words.count == 2 && second.first?.isNumber == true
      case "ip": evidence = ipCommands.contains(second)
      case "ipv6": evidence = second == "access-list" || second == "traffic-filter" || second == "unicast-routing"
      case "no": evidence = (second == "ip" || second == "ipv6") && words.count > 2 && words[2] == "access-list"
      case "zone": evidence = second == "security"
      case "zone-pair", "zone-member": evidence = second == "security"
      case "class-map", "policy-map": evidence = second == "type" && words.count > 2 && words[2] == "inspect"
      case "object-group": evidence = second == "ip" || (second == "network" && words.count > 3)
      case "boot-start-marker": evidence = true
      case "access-list":
        if words.count > 2, CiscoIOSReader.numberedKind(second) != nil,
          ["permit", "deny", "remark", "dynamic"].contains(words[2])
        {
          evidence = true
        } else {
          evidence = words.count > 3 && words[2] == "extended" && words.contains { Self.isWildcard($0) }
        }
      default: evidence = false
      }
      if evidence { return offset + 1 }
    }
    return nil
  }

  /// A dotted mask with its first bit clear and some bit set (`0.0.0.255`): how IOS writes a wildcard.
  static func isWildcard(_ word: String) -> Bool {
    guard let mask = IPAddress(word), mask.family == .v4 else { return false }
    return mask.v4Value >> 31 == 0 && mask.v4Value != 0 && word.hasPrefix("0.")
  }

  public func parse(_ text: String, file: String) -> ParseResult { read(text, file: file).result }

  /// The parse result and the lines no step accounted for (the corpus tests require none).
  func read(_ text: String, file: String) -> (result: ParseResult, unaccounted: [Int]) {
    let tree = CiscoConfigText(text: text, file: file, delimitedBanners: true)
    var reader = CiscoIOSReader(file: file)
    let config = reader.read(tree)
    var lowering = CiscoIOSLowering(file: file)
    var ruleset = lowering.lower(config)
    ruleset.diagnostics = (tree.diagnostics + reader.diagnostics + ruleset.diagnostics).sorted()
    let zoned = config.interfaces.contains { $0.zone != nil }
    guard !config.accessLists.isEmpty || zoned else {
      let failed = ParseResult.failed(
        ruleset.diagnostics + [
          Diagnostic(
            .error, .failClosed,
            "no access list and no zone-based firewall: nothing to evaluate; refusing to guess what this router "
              + "forwards (fail closed)", at: SourceLocation(file: file))
        ])
      return (failed, reader.account.unaccounted(tree, diagnostics: failed.diagnostics))
    }
    let bound = config.interfaces.contains { !$0.accessGroups.isEmpty }
    if !bound && !zoned {
      ruleset.diagnostics.append(
        Diagnostic(
          .warning, .iosNoBinding,
          "no interface applies an access list (ip access-group) and no interface is in a zone: the router "
            + "forwards everything; an access list can be evaluated alone (--chain \(config.aclOrder.first ?? "NAME"))",
          at: SourceLocation(file: file)))
    }
    return (.parsed(ruleset), reader.account.unaccounted(tree, diagnostics: ruleset.diagnostics))
  }
}
