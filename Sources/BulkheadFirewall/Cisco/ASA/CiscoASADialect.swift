import BulkheadModel

extension FirewallVendor {
  /// Cisco ASA (and ASA software on Firepower in ASA mode).
  public static let ciscoASA = FirewallVendor(rawValue: "cisco-asa")
}

/// Cisco ASA `show running-config` output or a saved configuration.
public struct CiscoASADialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .ciscoASA }
  public var aliases: [String] { ["asa"] }
  public var formats: String { "Cisco ASA show running-config" }

  /// `ASA Version`, `nameif`, `security-level`, `same-security-traffic`, `access-group … interface|global`,
  /// `object network|service`, `clear configure`, or an extended entry written with a subnet mask (IOS writes
  /// wildcards).
  public func sniff(_ text: String) -> Int? {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
      guard let first = words.first else { continue }
      let evidence: Bool
      switch first {
      case "asa": evidence = words.count > 1 && words[1] == "version"
      case "nameif", "security-level", "same-security-traffic": evidence = true
      case "access-group": evidence = words.contains("interface") || words.last == "global"
      case "object": evidence = words.count > 1 && (words[1] == "network" || words[1] == "service")
      case "clear": evidence = words.count > 1 && words[1] == "configure"
      case "access-list":
        evidence = words.count > 3 && words[2] == "extended" && words.contains { Self.isNetmask($0) }
      default: evidence = false
      }
      if evidence { return offset + 1 }
    }
    return nil
  }

  /// A dotted mask whose first octet is 255 (or 128…254 with the rest zero): how the ASA writes a subnet.
  static func isNetmask(_ word: String) -> Bool {
    guard let mask = IPAddress(word), mask.family == .v4 else { return false }
    return mask.v4Value >> 31 == 1
  }

  public func parse(_ text: String, file: String) -> ParseResult { read(text, file: file).result }

  /// The parse result and the lines no step accounted for (the corpus tests require none).
  func read(_ text: String, file: String) -> (result: ParseResult, unaccounted: [Int]) {
    let tree = CiscoConfigText(text: text, file: file, delimitedBanners: false)
    var reader = CiscoASAReader(file: file)
    let config = reader.read(tree)
    var lowering = CiscoASALowering(file: file)
    var ruleset = lowering.lower(config)
    ruleset.diagnostics = (tree.diagnostics + reader.diagnostics + ruleset.diagnostics).sorted()
    let named = config.interfaces.contains { $0.nameif != nil }
    if !named && config.entries.isEmpty {
      let failed = ParseResult.failed(
        ruleset.diagnostics + [
          Diagnostic(
            .error, .failClosed,
            "no interface with nameif and no access list: nothing to evaluate; refusing to guess what this ASA "
              + "allows (fail closed)", at: SourceLocation(file: file))
        ])
      return (failed, reader.account.unaccounted(tree, diagnostics: failed.diagnostics))
    }
    if !named {
      ruleset.diagnostics.append(
        Diagnostic(
          .warning, .asaNoInterfaces,
          "no interface has a nameif: no traffic passes through this configuration; its access lists can be "
            + "evaluated alone (--chain \(config.aclOrder.first ?? "NAME"))", at: SourceLocation(file: file)))
    }
    return (.parsed(ruleset), reader.account.unaccounted(tree, diagnostics: ruleset.diagnostics))
  }
}
