import BulkheadModel

/// The store split at a baseline: what was observed up to its end (accepted) and what came after. Rows are per
/// hour, so a row belongs to the side its first connection fell on; drift is resolved to the hour (a change within
/// the hour the baseline ends in counts as accepted).
struct DriftPeriods {
  var before: [StoredFlow]
  var after: [StoredFlow]
  var hostsBefore: Set<IPAddress>
  /// Hosts first seen after the baseline, with when.
  var hostsAfter: [IPAddress: Double]

  init(
    flows: [FlowBucketKey: FlowBucketCounts], hosts: [HostBucketKey: ClosedRange<Double>], end: Double,
    window: StoreWindow
  ) {
    var early: [FlowBucketKey: FlowBucketCounts] = [:]
    var late: [FlowBucketKey: FlowBucketCounts] = [:]
    for (key, counts) in flows {
      if counts.firstSeen <= end {
        early[key] = counts
      } else if window.contains(counts.firstSeen) {
        late[key] = counts
      }
    }
    before = StoredHistory.fold(early)
    after = StoredHistory.fold(late)
    var known: Set<IPAddress> = []
    var later: [IPAddress: Double] = [:]
    for (key, span) in hosts where key.inFlow {
      if span.lowerBound <= end {
        known.insert(key.address)
      } else if window.contains(span.lowerBound) {
        later[key.address] = min(later[key.address] ?? span.lowerBound, span.lowerBound)
      }
    }
    hostsBefore = known
    hostsAfter = later.filter { !known.contains($0.key) }
  }
}

extension StoreWindow {
  /// Whether `time` lies in [since, until).
  func contains(_ time: Double) -> Bool {
    if let since, time < since { return false }
    if let until, time >= until { return false }
    return true
  }
}
