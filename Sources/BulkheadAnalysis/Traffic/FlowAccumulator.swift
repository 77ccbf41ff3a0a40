import BulkheadModel

/// A ``FlowAggregate`` being built one flow at a time: sets instead of sorted lists, and a sample kept in order, so
/// counting a flow costs a few hash look-ups and no allocation.
struct FlowAccumulator {
  private(set) var flows = 0
  private var answeredFlows = 0
  private var packets = 0
  private var bytes = 0
  private var firstSeen = Double.infinity
  private var lastSeen = -Double.infinity
  private var initiators: Set<IPAddress> = []
  private var responders: Set<IPAddress> = []
  private var operations: [String: Int] = [:]
  private var operationNames: [String: Int] = [:]
  /// Sorted by ``FlowAggregate/samplesFirst(_:_:)``, at most ``FlowAggregate/sampleLimit``.
  private var sample: [ObservedFlowFacts] = []
  /// Nil once more than ``FlowAggregate/hostPairLimit`` pairs were seen.
  private var hostPairs: Set<HostPair>? = []

  /// Counts one flow, or `count` connections summed into one (a row of the observation store).
  mutating func add(_ flow: ObservedFlowFacts, count: Int = 1) {
    flows += count
    if flow.answered { answeredFlows += count }
    packets += flow.packets
    bytes += flow.bytes
    firstSeen = min(firstSeen, flow.firstSeen)
    lastSeen = max(lastSeen, flow.lastSeen)
    initiators.insert(flow.initiator)
    responders.insert(flow.responder)
    for (name, count) in flow.operations { operations[name, default: 0] += count }
    for (name, count) in flow.operationNames { operationNames[name, default: 0] += count }
    if hostPairs != nil {
      hostPairs?.insert(HostPair(initiator: flow.initiator, responder: flow.responder))
      if (hostPairs?.count ?? 0) > FlowAggregate.hostPairLimit { hostPairs = nil }
    }
    if sample.count < FlowAggregate.sampleLimit
      || sample.last.map({ FlowAggregate.samplesFirst(flow, $0) }) ?? true
    {
      let position = sample.firstIndex { FlowAggregate.samplesFirst(flow, $0) } ?? sample.endIndex
      sample.insert(flow, at: position)
      if sample.count > FlowAggregate.sampleLimit { sample.removeLast() }
    }
  }

  /// The aggregate counted so far.
  var aggregate: FlowAggregate {
    var result = FlowAggregate()
    guard flows > 0 else { return result }
    result.flows = flows
    result.answeredFlows = answeredFlows
    result.packets = packets
    result.bytes = bytes
    result.firstSeen = firstSeen
    result.lastSeen = lastSeen
    result.initiators = initiators.sorted()
    result.responders = responders.sorted()
    result.operations = operations
    result.operationNames = operationNames
    result.sample = sample
    result.hostPairs = hostPairs?.sorted()
    return result
  }
}
