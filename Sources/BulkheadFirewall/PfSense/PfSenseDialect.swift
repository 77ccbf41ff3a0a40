import BulkheadModel

extension FirewallVendor {
  /// pfSense and OPNsense (both keep their whole configuration in `config.xml` and filter with pf).
  public static let pfsense = FirewallVendor(rawValue: "pfsense")
}

/// A pfSense or OPNsense `config.xml` (Diagnostics → Backup & Restore, or `/conf/config.xml`).
public struct PfSenseDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .pfsense }
  public var aliases: [String] { ["opnsense", "pf-sense"] }
  public var formats: String { "pfSense or OPNsense config.xml" }

  /// The document element `<pfsense>` or `<opnsense>`.
  public func sniff(_ text: String) -> Int? {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      let l = line.drop(while: { $0 == " " || $0 == "\t" })
      if l.hasPrefix("<pfsense>") || l.hasPrefix("<opnsense>") || l.hasPrefix("<pfsense ")
        || l.hasPrefix("<opnsense ")
      {
        return offset + 1
      }
    }
    return nil
  }

  public func parse(_ text: String, file: String) -> ParseResult {
    let tree = XMLTree(text: text, file: file)
    guard let root = tree.root, root.name == "pfsense" || root.name == "opnsense" else {
      return .failed(
        tree.diagnostics + [
          Diagnostic(
            .error, .failClosed,
            "the document element is not <pfsense> or <opnsense>; refusing to guess (fail closed)",
            at: SourceLocation(file: file, line: tree.root?.line ?? 0))
        ])
    }
    // A truncated export lost what followed the cut (rules, aliases, floating rules): refuse rather than evaluate
    // part of a policy.
    guard !tree.truncated else {
      return .failed(
        tree.diagnostics + [
          Diagnostic(
            .error, .failClosed, "the file ends inside an element (truncated?); refusing to evaluate part of it",
            at: SourceLocation(file: file, line: root.line))
        ])
    }
    var reader = PfSenseReader(file: file)
    let config = reader.read(root)
    var lowering = PfSenseLowering(file: file)
    var ruleset = lowering.lower(config)
    ruleset.diagnostics = (tree.diagnostics + reader.diagnostics + ruleset.diagnostics).sorted()
    guard config.interfaces.contains(where: \.enabled) || config.disableFilterLine != nil else {
      return .failed(
        ruleset.diagnostics + [
          Diagnostic(
            .error, .failClosed,
            "no enabled interface in <interfaces>; refusing to guess what this \(config.product) passes (fail closed)",
            at: SourceLocation(file: file, line: root.line))
        ])
    }
    return .parsed(ruleset)
  }
}
