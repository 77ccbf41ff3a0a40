import BulkheadModel

/// One firewall configuration language: how to recognise it and how to read it into the IR.
///
/// A dialect lives in its own folder (`Sources/BulkheadFirewall/<Vendor>/`): its typed structures, its parser, one
/// lowering into the IR (``Ruleset``), and this conformance; one line in ``FirewallDialects/all`` registers it. The
/// model names it by ``vendor`` or one of ``aliases``; `vendor: auto` picks it by ``sniff(_:)``. See
/// docs/firewall-engine.md, "Adding a vendor".
public protocol FirewallDialect: Sendable {
  /// The name the dialect is registered under, as a model writes it (`iptables`, `fortigate`).
  var vendor: FirewallVendor { get }
  /// Other names a model may use for it (`nft`, `fortios`).
  var aliases: [String] { get }
  /// The exports it reads, for help texts (`iptables-save text`).
  var formats: String { get }
  /// The 1-based line of the first evidence that `text` is in this dialect, or `nil` when there is none.
  /// `vendor: auto` picks the dialect with the earliest evidence (registry order breaks ties).
  func sniff(_ text: String) -> Int?
  /// Parses the text; `file` names it in provenance and diagnostics. Never throws, never crashes on input: what is
  /// not understood is a diagnostic with file:line, and a file with nothing to evaluate fails closed.
  func parse(_ text: String, file: String) -> ParseResult
  /// Parses a file already read from `path`; the default is ``parse(_:file:)``. A dialect overrides it to read
  /// companion files (nft JSON next to the `nft -f` source it was exported from).
  func parse(_ text: String, contentsOf path: String) -> ParseResult
}

extension FirewallDialect {
  public var aliases: [String] { [] }

  public func parse(_ text: String, contentsOf path: String) -> ParseResult { parse(text, file: path) }

  /// Every name the dialect answers to, lower case.
  public var names: [String] { [vendor.rawValue] + aliases.map { $0.lowercased() } }
}
