import BulkheadCapture
import BulkheadModel

/// Reconciles flows one at a time as the captures finish them, on one thread: each flow gets its path (zones,
/// conduit, configured verdict), becomes ``ObservedFlowFacts`` and is counted in the aggregate of its
/// ``TrafficKey``; nothing keeps the flow itself beyond the bounded samples.
///
/// Use one per thread and merge their ``tally()``s.
final class TrafficReconciler {
  /// The part of a traffic key that varies with the flow once its path is known.
  private struct LocalKey: Hashable {
    var path: Int32
    var application: String?
    var answered: Bool
    var authenticated: Bool?
    var encrypted: Bool?
    var securityMode: String?
    var operationClasses: [String]
  }

  private var paths: FlowPaths
  /// Today's paths, when the model is a what-if's proposed side (``PathModel/replay``).
  private var todayPaths: FlowPaths?
  private var classes: [LocalKey: Int] = [:]
  private var keys: [LocalKey] = []
  private var accumulators: [FlowAccumulator] = []
  private var hosts = HostTally()
  private var flows = 0
  private var records = 0
  private var start = Double.infinity
  private var end = -Double.infinity
  /// Called with every reconciled flow and its key (for flow lists and tests); nil keeps nothing per flow.
  var onFlow: ((ObservedFlowFacts, TrafficKey) -> Void)?

  init(model: PathModel) {
    paths = FlowPaths(model: model)
    todayPaths = model.replay.map { FlowPaths(model: $0.today) }
  }

  /// Counts what one capture point saw (hosts and the time span), before records of the same connection merge.
  func note(_ record: ObservationRecord) {
    records += 1
    hosts.note(record)
    start = min(start, record.firstSeen)
    end = max(end, record.lastSeen)
  }

  /// Reconciles one flow, seen at `seenAt` (one place per capture point); `count` connections when it stands for
  /// several (a row of the observation store).
  func add(_ observation: FlowObservation, seenAt: [SourceLocation], count: Int = 1) {
    flows += count
    let number = paths.number(of: observation)
    let path = paths.paths[Int(number)]
    var observation = observation
    if let replay = paths.model.replay { observation = self.replay(observation, path, seenAt, count, replay) }
    let local = LocalKey(
      path: number, application: observation.application, answered: observation.answered,
      authenticated: observation.authenticated, encrypted: observation.encrypted,
      securityMode: observation.securityMode, operationClasses: Self.classes(observation.operations))
    let facts = ObservedFlowFacts(
      observation, seenAt: seenAt, initiatorZone: path.initiatorZone, responderZone: path.responderZone,
      conduit: path.conduit, conduitFlowIndex: path.conduitFlowIndex, verdict: path.verdict,
      verdictRules: path.verdictRules)
    let index: Int
    if let known = classes[local] {
      index = known
    } else {
      index = accumulators.count
      classes[local] = index
      keys.append(local)
      accumulators.append(FlowAccumulator())
    }
    accumulators[index].add(facts, count: count)
    if let onFlow { onFlow(facts, key(of: local)) }
  }

  /// A what-if's proposed side: notes a flow whose verdict differs from today's, and returns it as the proposed
  /// firewalls would leave it (a connection they start dropping is an unanswered attempt that carried nothing).
  private func replay(
    _ observation: FlowObservation, _ path: FlowPath, _ seenAt: [SourceLocation], _ count: Int,
    _ replay: ReplayBaseline
  ) -> FlowObservation {
    // Mutated in place through the optional: a copy of the memo per flow would cost its whole size.
    guard let number = todayPaths?.number(of: observation), let before = todayPaths?.paths[Int(number)] else {
      return observation
    }
    guard before.verdict != path.verdict else { return observation }
    let facts = ObservedFlowFacts(
      observation, seenAt: seenAt, initiatorZone: path.initiatorZone, responderZone: path.responderZone,
      conduit: path.conduit, conduitFlowIndex: path.conduitFlowIndex, verdict: path.verdict,
      verdictRules: path.verdictRules)
    replay.changes.note(facts, today: before, count: count)
    let dropped = path.verdict == .denied && (before.verdict == .allowed || before.verdict == .notFiltered)
    return dropped ? observation.droppedAttempt : observation
  }

  /// Operation classes with at least one PDU, sorted; no allocation for the common single class.
  private static func classes(_ operations: [String: Int]) -> [String] {
    if operations.isEmpty { return [] }
    if operations.count == 1, let (name, count) = operations.first { return count > 0 ? [name] : [] }
    return operations.filter { $0.value > 0 }.keys.sorted()
  }

  private func key(of local: LocalKey) -> TrafficKey {
    let path = paths.paths[Int(local.path)]
    return TrafficKey(
      initiatorZone: path.initiatorZone, responderZone: path.responderZone, service: path.service,
      application: local.application, conduit: path.conduit, conduitFlowIndex: path.conduitFlowIndex,
      verdict: path.verdict, verdictRules: path.verdictRules, answered: local.answered,
      authenticated: local.authenticated, encrypted: local.encrypted, securityMode: local.securityMode,
      operationClasses: local.operationClasses)
  }

  /// What this reconciler counted.
  func tally() -> TrafficTally {
    var tally = TrafficTally()
    for (index, local) in keys.enumerated() {
      let key = key(of: local)
      let aggregate = accumulators[index].aggregate
      if tally.traffic[key] == nil {
        tally.traffic[key] = aggregate
      } else {
        tally.traffic[key]?.merge(aggregate)
      }
    }
    tally.hosts = hosts
    tally.flows = flows
    tally.records = records
    tally.start = start
    tally.end = end
    return tally
  }
}
