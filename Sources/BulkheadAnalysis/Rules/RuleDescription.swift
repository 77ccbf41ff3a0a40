/// What a rule is, for people: id, title, default severity, why it matters, how to fix it, which IEC 62443-3-3
/// requirements it relates to, and the small example plants that are both its documentation and its tests.
public struct RuleDescription: Hashable, Sendable, Codable {
  /// Stable kebab-case id, e.g. `dmz-bypass`; agrees with the type name (`DMZBypassRule`).
  public var id: String
  /// Short title in the imperative or as the gap's name.
  public var title: String
  /// Default severity of the rule's findings.
  public var severity: FindingSeverity
  /// Segmentation, visibility or documentation.
  public var category: FindingCategory
  /// Why this gap matters, in a few sentences.
  public var rationale: String
  /// What to do about it.
  public var remediation: String
  /// The IEC 62443-3-3 system requirements this rule checks evidence for.
  public var requirements: [SystemRequirement]

  /// Creates a description.
  public init(
    id: String, title: String, severity: FindingSeverity, category: FindingCategory, rationale: String,
    remediation: String, requirements: [SystemRequirement]
  ) {
    self.id = id
    self.title = title
    self.severity = severity
    self.category = category
    self.rationale = rationale
    self.remediation = remediation
    self.requirements = requirements
  }
}
