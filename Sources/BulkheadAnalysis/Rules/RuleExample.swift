/// A small plant that triggers a rule (or must not): the model and whatever firewall configs and observations it needs.
public struct RuleExample: Sendable {
  /// A short name for the test list.
  public var name: String
  /// Files of the example plant, path → contents; `bulkhead.yaml` is required. Observations go in
  /// `observations.json` (the `bulkhead flows --format json` shape), firewall configs where the model points.
  public var files: [String: String]
  /// For a triggering example, the locations (`file:line` or `file:line:column`) the findings must point at, in
  /// order; empty for a non-triggering example.
  public var expectedLocations: [String]
  /// The day the example is judged on.
  public var today: String

  /// A triggering example.
  public static func triggering(
    _ name: String, files: [String: String], at locations: [String], today: String = "2026-06-01"
  ) -> RuleExample {
    RuleExample(name: name, files: files, expectedLocations: locations, today: today)
  }

  /// A non-triggering example.
  public static func nonTriggering(_ name: String, files: [String: String], today: String = "2026-06-01")
    -> RuleExample
  {
    RuleExample(name: name, files: files, expectedLocations: [], today: today)
  }

  /// Whether the rule must fire on it.
  public var triggers: Bool { !expectedLocations.isEmpty }
}
