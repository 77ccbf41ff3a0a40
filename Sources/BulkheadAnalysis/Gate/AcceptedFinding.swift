import BulkheadModel

/// A finding the team decided to live with for a while: who decided, why, and until when.
public struct AcceptedFinding: Hashable, Sendable, Codable {
  /// The finding's fingerprint (from `--format json` or SARIF `partialFingerprints`).
  public var fingerprint: String
  /// The rule id, for readers of the file (checked against the finding when given).
  public var rule: String?
  /// Why the risk is accepted.
  public var justification: String
  /// Who accepted it.
  public var owner: String
  /// The last day the acceptance counts.
  public var expires: CalendarDate
  /// Where it is written.
  public var location: SourceLocation

  /// Creates an acceptance.
  public init(
    fingerprint: String, rule: String?, justification: String, owner: String, expires: CalendarDate,
    location: SourceLocation
  ) {
    self.fingerprint = fingerprint
    self.rule = rule
    self.justification = justification
    self.owner = owner
    self.expires = expires
    self.location = location
  }
}
