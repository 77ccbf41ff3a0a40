/// The `bulkhead trace` JSON answer for one packet; `rule` is `null` when a default policy decided.
public struct TraceReport: Sendable, Encodable {
  /// The packet traced.
  public var packet: Packet
  /// The tracer's result.
  public var result: TraceResult

  /// Creates a report.
  public init(packet: Packet, result: TraceResult) {
    self.packet = packet
    self.result = result
  }

  private enum CodingKeys: String, CodingKey {
    case verdict, rule, chain, path, notes, packet
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(result.verdict, forKey: .verdict)
    if let rule = result.rule {
      try c.encode(RuleReference(rule), forKey: .rule)
    } else {
      try c.encodeNil(forKey: .rule)
    }
    try c.encode(result.chain, forKey: .chain)
    try c.encode(result.path, forKey: .path)
    try c.encode(result.notes, forKey: .notes)
    try c.encode(packet.description, forKey: .packet)
  }
}
