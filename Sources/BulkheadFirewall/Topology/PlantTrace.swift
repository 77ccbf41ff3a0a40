/// A packet's fate through the plant: zones, every firewall on the path with its deciding rule, and the outcome.
public struct PlantTrace: Sendable, Encodable {
  /// The overall outcome.
  public enum Outcome: String, Sendable, Encodable {
    /// Every firewall on the path allows it.
    case allowed
    /// A firewall on the path denies it.
    case denied
    /// No firewall separates the zones.
    case notFiltered = "not-filtered"
    /// A zone is unknown or a firewall on the path could not be parsed.
    case unknown
  }

  /// One firewall crossed.
  public struct Hop: Sendable, Encodable {
    /// The enforcement point id.
    public var firewall: String
    /// The interface the packet enters by.
    public var inInterface: String?
    /// The interface the packet leaves by.
    public var outInterface: String?
    /// The tracer's result on this firewall.
    public var result: TraceResult

    private enum CodingKeys: String, CodingKey {
      case firewall, `in`, out, verdict, rule, chain, path, notes
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(firewall, forKey: .firewall)
      try c.encodeIfPresent(inInterface, forKey: .in)
      try c.encodeIfPresent(outInterface, forKey: .out)
      try c.encode(result.verdict, forKey: .verdict)
      if let rule = result.rule {
        try c.encode(RuleReference(rule), forKey: .rule)
      } else {
        try c.encodeNil(forKey: .rule)
      }
      try c.encode(result.chain, forKey: .chain)
      try c.encode(result.path, forKey: .path)
      try c.encode(result.notes, forKey: .notes)
    }
  }

  /// The packet.
  public var packet: Packet
  /// The source zone, when the source address is in one.
  public var sourceZone: String?
  /// The destination zone, when the destination address is in one.
  public var destinationZone: String?
  /// The outcome.
  public var outcome: Outcome
  /// The firewalls crossed, in order, up to the first deny.
  public var hops: [Hop]
  /// Why the outcome is unknown, unparsed firewalls, unfiltered paths.
  public var notes: [String]

  /// The verdict for scripts: allow when allowed or not filtered, deny when denied, `nil` when unknown.
  public var verdict: Verdict? {
    switch outcome {
    case .allowed, .notFiltered: .allow
    case .denied: .deny
    case .unknown: nil
    }
  }

  /// The deciding hop: the denying one, or the last one.
  public var decidingHop: Hop? { hops.last }

  private enum CodingKeys: String, CodingKey {
    case packet, sourceZone, destinationZone, outcome, verdict, rule, firewall, chain, hops, notes
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(packet.description, forKey: .packet)
    try c.encodeIfPresent(sourceZone, forKey: .sourceZone)
    try c.encodeIfPresent(destinationZone, forKey: .destinationZone)
    try c.encode(outcome, forKey: .outcome)
    if let verdict { try c.encode(verdict, forKey: .verdict) } else { try c.encodeNil(forKey: .verdict) }
    if let rule = decidingHop?.result.rule {
      try c.encode(RuleReference(rule), forKey: .rule)
    } else {
      try c.encodeNil(forKey: .rule)
    }
    try c.encodeIfPresent(decidingHop?.firewall, forKey: .firewall)
    try c.encodeIfPresent(decidingHop?.result.chain, forKey: .chain)
    try c.encode(hops, forKey: .hops)
    try c.encode(notes, forKey: .notes)
  }
}
