import BulkheadModel

extension FirewallVendor {
  /// Palo Alto Networks PAN-OS (firewalls and Panorama).
  public static let paloalto = FirewallVendor(rawValue: "paloalto")
}

/// A PAN-OS configuration: XML (`running-config.xml`, XML API export), the block syntax of `show config running`,
/// or `set` lines (`set cli config-output-format set`).
public struct PaloAltoDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .paloalto }
  public var aliases: [String] { ["pan-os", "panos", "palo-alto"] }
  public var formats: String { "PAN-OS XML, show config (block syntax) or set lines" }

  /// Commands of the `set` syntax.
  static let commands: Set<String> = ["set", "delete", "move", "rename", "edit", "up", "top", "exit"]

  /// Keys only PAN-OS writes first in a `set` line (Junos has none of them at the top level).
  static let setKeys: Set<String> = [
    "deviceconfig", "rulebase", "zone", "address", "address-group", "service", "service-group", "vsys", "shared",
    "device-group", "template", "template-stack", "mgt-config", "application", "application-group", "network",
    "readonly", "config", "profiles", "profile-group", "tag", "schedule", "import", "log-settings", "external-list",
  ]

  /// XML whose root is `<config`, a block syntax that opens `config {`, `deviceconfig {` or `policy {`, or a `set`
  /// line naming a PAN-OS top-level key.
  public func sniff(_ text: String) -> Int? {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      let l = line.drop(while: { $0 == " " || $0 == "\t" })
      if l.hasPrefix("<config") || l.hasPrefix("<devices>") { return offset + 1 }
      if l.hasPrefix("config {") || l.hasPrefix("deviceconfig {") || l.hasPrefix("policy {") {
        return offset + 1
      }
      if l.hasPrefix("set ") {
        let word = l.dropFirst(4).prefix { $0 != " " }
        if Self.setKeys.contains(String(word)) { return offset + 1 }
      }
    }
    return nil
  }

  public func parse(_ text: String, file: String) -> ParseResult {
    let isXML = text.unicodeScalars.first { !$0.properties.isWhitespace } == "<"
    let statements: [ConfigStatement]
    var syntaxDiagnostics: [Diagnostic]
    if isXML {
      let syntax = PanXMLSyntax(text: text, file: file)
      (statements, syntaxDiagnostics) = (syntax.statements, syntax.diagnostics)
    } else {
      let syntax = HierarchicalConfigSyntax(text: text, file: file, commands: Self.commands)
      (statements, syntaxDiagnostics) = (syntax.statements, syntax.diagnostics)
    }
    var reader = PaloAltoReader(file: file)
    let config = reader.read(statements)
    var lowering = PaloAltoLowering(file: file)
    var ruleset = lowering.lower(config)
    syntaxDiagnostics += reader.diagnostics
    ruleset.diagnostics = (syntaxDiagnostics + ruleset.diagnostics).sorted()
    let hasPolicy =
      config.vsys.values.contains { $0.hasRulebase || !$0.rulebase.security.isEmpty || !$0.zones.isEmpty }
      || !ruleset.tables.isEmpty
    if lowering.refused || !hasPolicy || ruleset.tables.isEmpty {
      var reasons = ruleset.diagnostics
      if !lowering.refused {
        reasons.append(
          Diagnostic(
            .error, .failClosed,
            "no rulebase, security rule or zone found; refusing to guess what this PAN-OS device allows "
              + "(fail closed)", at: SourceLocation(file: file)))
      }
      return .failed(reasons)
    }
    return .parsed(ruleset)
  }
}
