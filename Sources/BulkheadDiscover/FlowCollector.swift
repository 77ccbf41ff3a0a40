import BulkheadAnalysis
import BulkheadCapture
import BulkheadModel
import Foundation

/// Collects reconciled flows into one ``ServiceTally`` per ``SeenService``; called from several threads at once.
final class FlowCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var services: [SeenService: ServiceTally] = [:]

  /// Counts one flow.
  func add(_ flow: ObservedFlowFacts) {
    let observation = flow.observation
    let key = SeenService(
      initiator: observation.initiator, responder: observation.responder, transport: observation.transport,
      port: observation.transport.hasPorts ? observation.responderPort : 0, application: observation.application)
    lock.lock()
    defer { lock.unlock() }
    services[key, default: ServiceTally()].add(
      packets: observation.packets, answered: observation.answered, operations: observation.operations,
      first: observation.firstSeen, last: observation.lastSeen, places: flow.seenAt)
  }

  /// The services, sorted.
  func sorted() -> [(service: SeenService, tally: ServiceTally)] {
    lock.lock()
    defer { lock.unlock() }
    return services.map { (service: $0.key, tally: $0.value) }.sorted { $0.service < $1.service }
  }
}
