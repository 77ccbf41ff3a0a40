import BulkheadModel

/// One check over the reconciled facts; one type per file under `Rules/`, registered in `RuleRegistry`.
///
/// A rule's ``examples`` are small plants that trigger it (or must not); they are its tests and its documentation.
public protocol AssessmentRule: Sendable {
  /// Id, title, severity, rationale, remediation and the IEC 62443-3-3 requirements.
  static var description: RuleDescription { get }
  /// Triggering and non-triggering example plants.
  static var examples: [RuleExample] { get }
  /// Creates the rule.
  init()
  /// The findings this rule makes in `context`.
  func findings(in context: AssessmentContext) -> [Finding]
}

extension AssessmentRule {
  /// A finding of this rule with the rule's default severity and category.
  func finding(
    _ message: String, at location: SourceLocation, evidence: [Evidence] = [], zones: [String] = [],
    subject: String, severity: FindingSeverity? = nil, hosts: [IPAddress] = []
  ) -> Finding {
    Finding(
      ruleID: Self.description.id, severity: severity ?? Self.description.severity,
      category: Self.description.category, message: message, location: location, evidence: evidence, zones: zones,
      subject: subject, hosts: hosts)
  }
}
