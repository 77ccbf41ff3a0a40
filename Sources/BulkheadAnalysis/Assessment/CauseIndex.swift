import BulkheadModel

/// Which findings a class of observed traffic counts in: the findings the rules make of that class alone whose
/// fingerprints are among the assessment's findings that aggregate flows.
///
/// A cause's subject names the zone pair, service and rule that make it, never counts or hosts, so a rule run on one
/// class of traffic gives exactly the fingerprint of the cause that class belongs to. No rule needs to expose how it
/// groups, and the answer cannot drift from what the assessment reported.
public struct CauseIndex: Sendable {
  private let plant: Plant
  private let today: CalendarDate
  private let reported: Set<String>

  /// The index of `result`, assessed on `plant`.
  public init(result: AssessmentResult, plant: Plant) {
    self.plant = plant
    today = result.date
    reported = Set(result.findings.filter { $0.flows != nil }.map(\.fingerprint))
  }

  /// The fingerprints of the findings the traffic with `key` counts in, sorted.
  public func fingerprints(of key: TrafficKey) -> [String] {
    let traffic = ObservedTraffic(key: key, flows: FlowAggregate())
    var pairs: [ZonePairRecord] = []
    if let from = key.initiatorZone, let to = key.responderZone, from != to {
      pairs.append(ZonePairRecord(from: from, to: to, observed: [traffic]))
    }
    var one = traffic
    // A class needs at least one flow to be reported; the count itself never enters a subject.
    one.flows.flows = 1
    one.flows.answeredFlows = key.answered ? 1 : 0
    pairs = pairs.map { record in
      var record = record
      record.observed = [one]
      return record
    }
    let context = AssessmentContext(plant: plant, today: today, zonePairs: pairs, traffic: [one])
    var found: Set<String> = []
    for rule in RuleRegistry.all {
      for finding in rule.init().findings(in: context) where reported.contains(finding.fingerprint) {
        found.insert(finding.fingerprint)
      }
    }
    return found.sorted()
  }
}
