import BulkheadModel

extension FirewallVendor {
  /// Juniper SRX (Junos security policies).
  public static let juniperSRX = FirewallVendor(rawValue: "juniper-srx")
}

/// A Junos SRX configuration: `show configuration` (block syntax), `show configuration | display set`, or both mixed.
public struct JuniperSRXDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .juniperSRX }
  public var aliases: [String] { ["srx", "junos", "juniper"] }
  public var formats: String { "Junos show configuration (block syntax) or display set" }

  /// Commands of the `set` syntax.
  static let commands: Set<String> = [
    "set", "delete", "deactivate", "activate", "insert", "annotate", "protect", "unprotect",
  ]

  /// Top-level hierarchies only Junos writes (PAN-OS has none of them).
  static let topLevel: Set<String> = [
    "security", "system", "interfaces", "applications", "protocols", "routing-options", "policy-options",
    "firewall", "snmp", "chassis", "version", "groups", "routing-instances", "forwarding-options",
    "class-of-service", "logical-systems", "apply-groups", "vlans", "event-options", "services", "access",
  ]

  /// A `set`/`deactivate` line or a block (`security {`, `replace: applications {`, `version …;`) naming a Junos
  /// top-level hierarchy.
  public func sniff(_ text: String) -> Int? {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard var first = words.first else { continue }
      if ["set", "deactivate", "delete", "activate"].contains(first) && words.count >= 2 {
        if Self.topLevel.contains(words[1]) { return offset + 1 }
        continue
      }
      if HierarchicalConfigSyntax.annotations.contains(first), words.count >= 2 {
        words.removeFirst()
        first = words[0]
      }
      let opens = words.count >= 2 && words[1] == "{"
      if Self.topLevel.contains(first) && (opens || (first == "version" && line.hasSuffix(";"))) {
        return offset + 1
      }
    }
    return nil
  }

  public func parse(_ text: String, file: String) -> ParseResult {
    let syntax = HierarchicalConfigSyntax(text: text, file: file, commands: Self.commands)
    var reader = JuniperSRXReader(file: file)
    let config = reader.read(syntax.statements)
    var lowering = JuniperSRXLowering(file: file)
    var ruleset = lowering.lower(config)
    ruleset.diagnostics = (syntax.diagnostics + reader.diagnostics + ruleset.diagnostics).sorted()
    guard config.hasSecurity else {
      return .failed(
        ruleset.diagnostics + [
          Diagnostic(
            .error, .failClosed,
            "no security policies or zones found (a Junos router's stateless firewall filters are not modeled); "
              + "refusing to guess what this device allows (fail closed)", at: SourceLocation(file: file))
        ])
    }
    return .parsed(ruleset)
  }
}
