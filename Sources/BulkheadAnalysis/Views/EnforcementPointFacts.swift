import BulkheadModel

/// What the engine established about one enforcement point as a whole.
public struct EnforcementPointFacts: Hashable, Sendable, Codable {
  /// The enforcement point's id in the model.
  public var id: String
  /// Where the model declares it.
  public var location: SourceLocation
  /// The config file that was read, if any.
  public var configFile: String?
  /// Whether the config was found and yielded rules.
  public var parsed: Bool
  /// Whether every packet no rule accepts is dropped (policy drop, or a final catch-all drop/reject).
  public var defaultDeny: Bool
  /// Where the forwarding default is set (the policy line or the catch-all rule), if known.
  public var defaultLocation: SourceLocation?
  /// Number of config lines the parser could not interpret.
  public var uninterpretedLines: Int
  /// The firewall dialect the config was read as (`fortigate`, `paloalto`, …: the one `vendor: auto` detected), or
  /// the model's vendor when the config was not read.
  public var vendor: FirewallVendor?

  /// Creates the facts.
  public init(
    id: String, location: SourceLocation, configFile: String?, parsed: Bool, defaultDeny: Bool,
    defaultLocation: SourceLocation?, uninterpretedLines: Int
  ) {
    self.id = id
    self.location = location
    self.configFile = configFile
    self.parsed = parsed
    self.defaultDeny = defaultDeny
    self.defaultLocation = defaultLocation
    self.uninterpretedLines = uninterpretedLines
  }
}
