/// The observed traffic one rule reports, grouped by cause: every class of traffic is added under the cause it
/// belongs to, and each cause becomes one finding carrying the sum of its traffic.
///
/// Causes come out in the order they were first added; the context's traffic is sorted, so that order is fixed.
struct TrafficCauses<Cause: Hashable> {
  private(set) var causes: [Cause] = []
  private var traffic: [Cause: [ObservedTraffic]] = [:]

  /// Adds a class of traffic to its cause.
  mutating func add(_ group: ObservedTraffic, to cause: Cause) {
    if traffic[cause] == nil { causes.append(cause) }
    traffic[cause, default: []].append(group)
  }

  /// Every cause with its traffic and the sum of its flows.
  var all: [(cause: Cause, traffic: [ObservedTraffic], flows: FlowAggregate)] {
    causes.map { cause in
      let groups = traffic[cause] ?? []
      return (cause, groups, FlowAggregate.sum(groups.map(\.flows)))
    }
  }
}
