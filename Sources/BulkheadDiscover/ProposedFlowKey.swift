import BulkheadModel

/// One proposed conduit flow: its two ends (asset or zone ids) and its service.
struct ProposedFlowKey: Hashable, Comparable {
  var from: String
  var to: String
  var service: Service

  static func < (a: ProposedFlowKey, b: ProposedFlowKey) -> Bool {
    (a.from, a.to, a.service.name) < (b.from, b.to, b.service.name)
  }
}
