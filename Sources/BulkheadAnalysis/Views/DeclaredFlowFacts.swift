import BulkheadModel

/// One flow a conduit declares, with what the firewalls and the captures say about it.
public struct DeclaredFlowFacts: Hashable, Sendable, Codable {
  /// How much of the declared flow the firewalls on the path let through.
  public enum Coverage: String, Hashable, Sendable, Codable {
    /// Every declared packet is allowed.
    case allowed
    /// Some declared packets are allowed, others dropped.
    case partial
    /// No declared packet gets through.
    case blocked
    /// No enforcement point lies on the path (same zone, or not modelled).
    case unenforced
    /// A firewall on the path could not be evaluated.
    case unknown
  }

  /// The conduit's id.
  public var conduit: String
  /// Index of the flow within the conduit's `flows` list.
  public var flowIndex: Int
  /// `historian → scada-server opcua`.
  public var summary: String
  /// Where the flow is declared.
  public var location: SourceLocation
  /// Source and destination zones.
  public var fromZone: String
  /// Destination zone.
  public var toZone: String
  /// The declared services as compact spans.
  public var spans: [ServiceSpan]
  /// What the firewalls make of it.
  public var coverage: Coverage
  /// A declared packet that is dropped, with the rules that drop it (for `partial` and `blocked`).
  public var blockedWitness: WitnessPacket?
  /// The deciding rules for the blocked witness.
  public var blockingRules: [FirewallRuleReference]
  /// How many observed flows this declaration explains.
  public var observedFlows: Int

  /// Creates the facts.
  public init(
    conduit: String, flowIndex: Int, summary: String, location: SourceLocation, fromZone: String, toZone: String,
    spans: [ServiceSpan], coverage: Coverage, blockedWitness: WitnessPacket? = nil,
    blockingRules: [FirewallRuleReference] = [], observedFlows: Int = 0
  ) {
    self.conduit = conduit
    self.flowIndex = flowIndex
    self.summary = summary
    self.location = location
    self.fromZone = fromZone
    self.toZone = toZone
    self.spans = spans
    self.coverage = coverage
    self.blockedWitness = blockedWitness
    self.blockingRules = blockingRules
    self.observedFlows = observedFlows
  }
}
