/// Observed traffic whose configured fate a proposed change flips: the flows of one class replayed through today's
/// and the proposed firewalls.
public struct ObservedFlowChange: Hashable, Comparable, Sendable, Codable {
  /// The traffic's key with the proposed configs (zones, service, conduit, verdict and deciding rules after).
  public var key: TrafficKey
  /// The verdict today.
  public var verdictBefore: ObservedFlowFacts.ConfiguredVerdict
  /// The deciding rules today.
  public var rulesBefore: [FirewallRuleReference]
  /// The flows (counts, last seen, operations, hosts, a sample with capture file and packet number).
  public var flows: FlowAggregate

  /// Creates a change.
  public init(
    key: TrafficKey, verdictBefore: ObservedFlowFacts.ConfiguredVerdict, rulesBefore: [FirewallRuleReference],
    flows: FlowAggregate
  ) {
    self.key = key
    self.verdictBefore = verdictBefore
    self.rulesBefore = rulesBefore
    self.flows = flows
  }

  /// The verdict with the proposed configs.
  public var verdictAfter: ObservedFlowFacts.ConfiguredVerdict { key.verdict }

  /// Whether the change starts dropping traffic that gets through today.
  public var startsDropping: Bool {
    verdictAfter == .denied && (verdictBefore == .allowed || verdictBefore == .notFiltered)
  }

  /// Whether the change starts letting through traffic that is dropped today.
  public var startsAllowing: Bool { verdictBefore == .denied && verdictAfter == .allowed }

  /// Ranked: traffic a conduit declares first (a broken conduit), then answered traffic, then the most flows, then
  /// the key.
  public static func < (lhs: ObservedFlowChange, rhs: ObservedFlowChange) -> Bool {
    let left = (lhs.key.conduit == nil ? 1 : 0, lhs.key.answered ? 0 : 1, -lhs.flows.flows)
    let right = (rhs.key.conduit == nil ? 1 : 0, rhs.key.answered ? 0 : 1, -rhs.flows.flows)
    if left != right { return left < right }
    if lhs.key != rhs.key { return lhs.key < rhs.key }
    return lhs.verdictBefore < rhs.verdictBefore
  }
}
