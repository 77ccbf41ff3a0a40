import BulkheadModel

extension FirewallVendor {
  /// Fortinet FortiGate (FortiOS).
  public static let fortigate = FirewallVendor(rawValue: "fortigate")
}

/// FortiOS `show full-configuration` output or a backup `.conf` file.
public struct FortiGateDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .fortigate }
  public var aliases: [String] { ["fortios", "fortinet"] }
  public var formats: String { "FortiOS show full-configuration or backup .conf" }

  /// The `#config-version=FG…` header of a backup, or a `config firewall …` / `config system …` section.
  public func sniff(_ text: String) -> Int? {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      let l = line.drop(while: { $0 == " " || $0 == "\t" })
      if l.hasPrefix("#config-version=F") || l.hasPrefix("config firewall ") || l.hasPrefix("config system ")
        || l.hasPrefix("config vdom")
      {
        return offset + 1
      }
    }
    return nil
  }

  public func parse(_ text: String, file: String) -> ParseResult {
    let tree = FortiConfigTree(text: text, file: file)
    var reader = FortiGateReader(file: file)
    let config = reader.read(tree)
    var lowering = FortiGateLowering(file: file)
    var ruleset = lowering.lower(config)
    ruleset.diagnostics = (tree.diagnostics + reader.diagnostics + ruleset.diagnostics).sorted()
    ruleset.cutJumpLoops()
    guard config.vdoms.contains(where: { !$0.policies.isEmpty || $0.policyLine > 0 }) else {
      return .failed(
        ruleset.diagnostics + [
          Diagnostic(
            .error, .failClosed,
            "no 'config firewall policy' section found; refusing to guess what this FortiGate allows (fail closed)",
            at: SourceLocation(file: file))
        ])
    }
    return .parsed(ruleset)
  }
}
