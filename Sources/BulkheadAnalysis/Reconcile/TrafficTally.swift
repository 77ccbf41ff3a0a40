import BulkheadModel

/// What reconciling a set of captures established, before the rules: every class of observed traffic with its
/// aggregate, the hosts seen, and the time span covered. Tallies from several threads merge in any order to the same
/// value.
struct TrafficTally: Sendable {
  /// Aggregates by traffic class.
  var traffic: [TrafficKey: FlowAggregate] = [:]
  /// The hosts seen.
  var hosts = HostTally()
  /// Flows reconciled (after merging the same connection seen at several capture points).
  var flows = 0
  /// Records read (one per flow and capture point).
  var records = 0
  /// First packet time over every record.
  var start = Double.infinity
  /// Last packet time over every record.
  var end = -Double.infinity

  /// Adds another tally.
  mutating func merge(_ other: TrafficTally) {
    for (key, aggregate) in other.traffic {
      if traffic[key] == nil {
        traffic[key] = aggregate
      } else {
        traffic[key]?.merge(aggregate)
      }
    }
    hosts.merge(other.hosts)
    flows += other.flows
    records += other.records
    start = min(start, other.start)
    end = max(end, other.end)
  }

  /// The classes of traffic, sorted by key.
  var observedTraffic: [ObservedTraffic] {
    traffic.map { ObservedTraffic(key: $0.key, flows: $0.value) }.sorted()
  }
}
