/// Short text for how many flows between how many hosts an aggregate counts.
public enum FlowCountText {
  /// `1 flow`, `412 flows`.
  public static func flows(_ count: Int) -> String { count == 1 ? "1 flow" : "\(count) flows" }

  /// `1 host`, `12 hosts`.
  public static func hosts(_ count: Int) -> String { count == 1 ? "1 host" : "\(count) hosts" }

  /// `412 flows from 12 hosts to 1 host`.
  public static func text(_ aggregate: FlowAggregate) -> String {
    "\(flows(aggregate.flows)) from \(hosts(aggregate.initiators.count)) to \(hosts(aggregate.responders.count))"
  }
}
