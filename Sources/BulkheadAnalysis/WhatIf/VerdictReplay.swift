import BulkheadModel
import Foundation

/// Collects the observed flows whose verdict a proposed change flips, as the proposed assessment reconciles them
/// (from several threads), counted by class; the rest are not kept.
final class VerdictReplay: @unchecked Sendable {
  private struct ChangeKey: Hashable {
    var after: TrafficKey
    var verdictBefore: ObservedFlowFacts.ConfiguredVerdict
    var rulesBefore: [FirewallRuleReference]
  }

  private let lock = NSLock()
  private var changed: [ChangeKey: FlowAggregate] = [:]

  /// Notes one flow, as observed, with the proposed verdict, and its path today; `count` connections when it stands
  /// for several (a row of the observation store).
  func note(_ flow: ObservedFlowFacts, today: FlowPath, count: Int = 1) {
    let key = ChangeKey(after: TrafficKey(flow), verdictBefore: today.verdict, rulesBefore: today.verdictRules)
    var one = FlowAggregate(flow)
    one.flows = count
    one.answeredFlows = flow.answered ? count : 0
    lock.withLock { changed[key, default: FlowAggregate()].merge(one) }
  }

  /// Every class of flows whose verdict changed, ranked.
  var changes: [ObservedFlowChange] {
    lock.withLock {
      changed.map { key, flows in
        ObservedFlowChange(key: key.after, verdictBefore: key.verdictBefore, rulesBefore: key.rulesBefore, flows: flows)
      }.sorted()
    }
  }
}
