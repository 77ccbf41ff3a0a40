/// One firewall placed in a plant topology: its parsed ruleset and which zones each of its interfaces faces.
///
/// The model's `EnforcementPoint` is the declaration (id, vendor, config path, interfaces as written); this is what
/// the firewall stage made of it.
public struct PlacedFirewall: Sendable {
  /// The firewall's id (`fw-itot`), the enforcement point's id in the model.
  public var name: String
  /// The parsed ruleset.
  public var ruleset: Ruleset
  /// Interface name → ids of the zones reached through it (directly or via other firewalls).
  public var interfaces: [String: [String]]
  /// The hook or chain evaluated for traffic crossing the firewall (`forward`).
  public var entry: String

  /// Creates a placed firewall.
  public init(name: String, ruleset: Ruleset, interfaces: [String: [String]], entry: String = "forward") {
    self.name = name
    self.ruleset = ruleset
    self.interfaces = interfaces
    self.entry = entry
  }

  /// The interfaces facing a zone, sorted.
  public func interfaces(facing zone: String) -> [String] {
    interfaces.filter { $0.value.contains(zone) }.map(\.key).sorted()
  }
}
