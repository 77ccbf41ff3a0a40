/// One output line of `bulkhead trace --batch`: the probe id, the verdict and the deciding rule (or `null`).
public struct BatchAnswer: Sendable, Encodable {
  /// The probe id.
  public var id: String?
  /// The verdict, absent when the probe line could not be read.
  public var verdict: Verdict?
  /// The deciding rule, `null` when a policy decided.
  public var rule: RuleReference?
  /// Why the probe line could not be read.
  public var error: String?

  /// An answer for a traced probe.
  public init(id: String, result: TraceResult) {
    self.id = id
    verdict = result.verdict
    rule = result.rule.map(RuleReference.init)
    error = nil
  }

  /// An answer for an unreadable probe line.
  public init(id: String?, error: String) {
    self.id = id
    verdict = nil
    rule = nil
    self.error = error
  }

  private enum CodingKeys: String, CodingKey {
    case id, verdict, rule, error
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
    if let error {
      try c.encode(error, forKey: .error)
      return
    }
    try c.encodeIfPresent(verdict, forKey: .verdict)
    if let rule { try c.encode(rule, forKey: .rule) } else { try c.encodeNil(forKey: .rule) }
  }
}
