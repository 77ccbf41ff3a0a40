/// One class of observed traffic: every flow with the same ``TrafficKey``, counted in one ``FlowAggregate``.
///
/// The reconciled observed view is a list of these, one per key, sorted by key; zone pairs, rules, the binder and
/// the diagrams read them instead of single flows, so what they hold grows with the plant, not with the capture.
public struct ObservedTraffic: Hashable, Comparable, Sendable, Codable {
  /// What the flows have in common.
  public var key: TrafficKey
  /// The flows.
  public var flows: FlowAggregate

  /// Creates a class of traffic.
  public init(key: TrafficKey, flows: FlowAggregate) {
    self.key = key
    self.flows = flows
  }

  /// One flow as its own class (tests and examples).
  public init(_ flow: ObservedFlowFacts) {
    self.init(key: TrafficKey(flow), flows: FlowAggregate(flow))
  }

  /// Whether the responders answered.
  public var answered: Bool { key.answered }

  public static func < (lhs: ObservedTraffic, rhs: ObservedTraffic) -> Bool { lhs.key < rhs.key }
}
