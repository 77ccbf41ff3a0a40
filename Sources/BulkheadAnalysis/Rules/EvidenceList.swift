/// Ordered evidence without repeats: the same rule often backs several services of one finding.
struct EvidenceList {
  private(set) var items: [Evidence] = []
  private var seen: Set<Evidence> = []

  mutating func append(_ evidence: Evidence) {
    if seen.insert(evidence).inserted { items.append(evidence) }
  }

  mutating func append(rules: [FirewallRuleReference]) {
    for rule in rules { append(Evidence(.firewallRule, "\(rule.firewall): \(rule.text)", at: rule.location)) }
  }

  /// The sample flows of an aggregate, and how many more there are.
  mutating func append(flows aggregate: FlowAggregate) {
    for flow in aggregate.sample { append(flow: flow) }
    let more = aggregate.flows - aggregate.sample.count
    if more > 0 {
      append(
        Evidence(
          .observedFlow,
          "and \(more) more flow\(more == 1 ? "" : "s") of the same cause (the flow list: `bulkhead assess --flows FILE`)"
        ))
    }
  }

  mutating func append(flow: ObservedFlowFacts) {
    var text = "observed \(flow.summary)"
    if let application = flow.application { text += " (\(application))" }
    let operations = flow.operations.filter { $0.value > 0 }.sorted { $0.key < $1.key }
    if !operations.isEmpty { text += ": " + operations.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ") }
    text += flow.answered ? "" : ", never answered"
    append(Evidence(.observedFlow, text, at: flow.seenAt.first))
  }
}
