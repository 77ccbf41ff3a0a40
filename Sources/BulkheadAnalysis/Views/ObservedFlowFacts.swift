import BulkheadCapture
import BulkheadModel

/// One flow seen in the captures, merged across capture points, with what the model and the firewalls make of it:
/// its zones, the conduit flow that explains it, and its fate on the configured path.
@dynamicMemberLookup
public struct ObservedFlowFacts: Hashable, Sendable, Codable {
  /// How the firewalls on the path treat a new connection like this one.
  public enum ConfiguredVerdict: String, Hashable, Comparable, Sendable, Codable {
    /// Every firewall on the path accepts it.
    case allowed
    /// Some firewall on the path drops or rejects it.
    case denied
    /// Source and destination are in the same zone or no enforcement point lies between them.
    case notFiltered = "not-filtered"
    /// The path could not be evaluated (a firewall config is missing or not parsed).
    case unknown

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// What the captures show of the connection (merged across capture points).
  public var observation: FlowObservation
  /// Where it was seen: capture file and the flow's first packet number in that file, one per capture point.
  public var seenAt: [SourceLocation]
  /// Zone of the initiator per the model, if any.
  public var initiatorZone: String?
  /// Zone of the responder per the model, if any.
  public var responderZone: String?
  /// The conduit whose declared flow explains this one, if any.
  public var conduit: String?
  /// Index of that flow in the conduit's `flows`.
  public var conduitFlowIndex: Int?
  /// How the firewalls treat it.
  public var verdict: ConfiguredVerdict
  /// The deciding rules on the path.
  public var verdictRules: [FirewallRuleReference]

  /// Creates flow facts.
  public init(
    _ observation: FlowObservation, seenAt: [SourceLocation] = [], initiatorZone: String? = nil,
    responderZone: String? = nil, conduit: String? = nil, conduitFlowIndex: Int? = nil,
    verdict: ConfiguredVerdict = .unknown, verdictRules: [FirewallRuleReference] = []
  ) {
    self.observation = observation
    self.seenAt = seenAt
    self.initiatorZone = initiatorZone
    self.responderZone = responderZone
    self.conduit = conduit
    self.conduitFlowIndex = conduitFlowIndex
    self.verdict = verdict
    self.verdictRules = verdictRules
  }

  /// The observation's fields, read and written as the facts' own.
  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<FlowObservation, Value>) -> Value {
    get { observation[keyPath: keyPath] }
    set { observation[keyPath: keyPath] = newValue }
  }

  /// Whether the flow carried at least one PDU of `operation`.
  public func carried(_ operation: OperationClass) -> Bool { observation.carried(operation) }

  /// The service as a compact span (`tcp/502`).
  public var span: ServiceSpan { observation.span }

  /// Whether the two ends lie in different modelled zones.
  public var crossesZones: Bool {
    guard let initiatorZone, let responderZone else { return false }
    return initiatorZone != responderZone
  }

  /// `10.20.30.40 → 10.50.11.10 tcp/502`.
  public var summary: String { observation.summary }

  private enum CodingKeys: String, CodingKey {
    case seenAt, initiatorZone, responderZone, conduit, conduitFlowIndex, verdict, verdictRules
  }

  // One flat JSON object: the observation's keys beside the reconciled ones.
  public init(from decoder: any Decoder) throws {
    observation = try FlowObservation(from: decoder)
    let container = try decoder.container(keyedBy: CodingKeys.self)
    seenAt = try container.decodeIfPresent([SourceLocation].self, forKey: .seenAt) ?? []
    initiatorZone = try container.decodeIfPresent(String.self, forKey: .initiatorZone)
    responderZone = try container.decodeIfPresent(String.self, forKey: .responderZone)
    conduit = try container.decodeIfPresent(String.self, forKey: .conduit)
    conduitFlowIndex = try container.decodeIfPresent(Int.self, forKey: .conduitFlowIndex)
    verdict = try container.decode(ConfiguredVerdict.self, forKey: .verdict)
    verdictRules = try container.decodeIfPresent([FirewallRuleReference].self, forKey: .verdictRules) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    try observation.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(seenAt, forKey: .seenAt)
    try container.encodeIfPresent(initiatorZone, forKey: .initiatorZone)
    try container.encodeIfPresent(responderZone, forKey: .responderZone)
    try container.encodeIfPresent(conduit, forKey: .conduit)
    try container.encodeIfPresent(conduitFlowIndex, forKey: .conduitFlowIndex)
    try container.encode(verdict, forKey: .verdict)
    try container.encode(verdictRules, forKey: .verdictRules)
  }
}
