import BulkheadCapture
import BulkheadFirewall
import BulkheadModel

/// Where the model and the configured firewalls put one kind of flow: the zones of its ends, the conduit flow that
/// declares it, and its fate on the path between the zones.
struct FlowPath: Hashable {
  var initiatorZone: String?
  var responderZone: String?
  var service: ServiceSpan
  var conduit: String?
  var conduitFlowIndex: Int?
  var verdict: ObservedFlowFacts.ConfiguredVerdict
  var verdictRules: [FirewallRuleReference]
}

/// The model side of reconciliation, read by every thread that reconciles flows: the plant and its parsed firewalls.
///
/// Nothing here changes after `init`, and a trace reads only the parsed rulesets (the packet-space engine, which
/// keeps caches, is not touched), so threads share it without a lock.
final class PathModel: @unchecked Sendable {
  let plant: Plant
  let firewalls: FirewallView
  /// Whether some rule matches on source ports; only then does a flow's client port take part in its verdict.
  let sourcePortMatters: Bool

  init(plant: Plant, firewalls: FirewallView) {
    self.plant = plant
    self.firewalls = firewalls
    sourcePortMatters = plant.enforcementPoints.contains { point in
      guard let ruleset = firewalls.ruleset(of: point.id) else { return false }
      return ruleset.tables.contains { table in
        table.chains.contains { chain in
          chain.rules.contains { rule in
            rule.matches.contains { match in
              switch match {
              case .sourcePort, .anyPort, .unsupported: true
              default: false
              }
            }
          }
        }
      }
    }
  }

  /// The path of one flow: zones by address, the conduit flow that explains it, and the configured verdict for its
  /// first packet as a new connection.
  func path(of flow: FlowObservation) -> FlowPath {
    let fromZone = plant.zone(containing: flow.initiator)?.id
    let toZone = plant.zone(containing: flow.responder)?.id
    var path = FlowPath(
      initiatorZone: fromZone, responderZone: toZone, service: flow.span, verdict: .unknown, verdictRules: [])
    if let (conduit, index) = explainingFlow(flow) {
      path.conduit = conduit
      path.conduitFlowIndex = index
    }
    if let fromZone, let toZone, fromZone != toZone {
      let verdict = firewalls.verdict(
        source: flow.initiator, destination: flow.responder, transport: flow.transport,
        sourcePort: flow.initiatorPort == 0 ? 40000 : flow.initiatorPort, destinationPort: flow.responderPort)
      path.verdict = verdict.verdict
      path.verdictRules = verdict.rules
    } else {
      path.verdict = (fromZone == nil || toZone == nil) ? .unknown : .notFiltered
    }
    return path
  }

  /// The conduit flow that declares this traffic: initiator in `from`, responder in `to`, service matches.
  func explainingFlow(_ flow: FlowObservation) -> (String, Int)? {
    for conduit in plant.conduits {
      for (index, declared) in conduit.flows.enumerated() {
        guard plant.endpoint(declared.from, contains: flow.initiator),
          plant.endpoint(declared.to, contains: flow.responder),
          declared.services.contains(where: {
            $0.contains(ipProtocol: flow.transport.number, port: flow.responderPort)
          })
        else { continue }
        return (conduit.id, index)
      }
    }
    return nil
  }
}

/// One thread's memo of flow paths: the flows of a capture repeat the same few hundred (client, server, service)
/// triples, and each path is worked out (zone look-ups, conduit search, a trace through every firewall) once.
struct FlowPaths {
  private struct Key: Hashable {
    var initiator: IPAddress
    var responder: IPAddress
    var transport: UInt8
    var responderPort: UInt16
    var initiatorPort: UInt16
  }

  /// Most memoised triples before the memo starts afresh (a scan of every port of every host must not grow it
  /// without bound).
  static let limit = 1 << 18

  let model: PathModel
  private var memo: [Key: Int32] = [:]
  /// Every distinct path, by number.
  private(set) var paths: [FlowPath] = []
  private var numbers: [FlowPath: Int32] = [:]

  init(model: PathModel) { self.model = model }

  /// The number of the flow's path in ``paths``.
  mutating func number(of flow: FlowObservation) -> Int32 {
    let key = Key(
      initiator: flow.initiator, responder: flow.responder, transport: flow.transport.number,
      responderPort: flow.responderPort, initiatorPort: model.sourcePortMatters ? flow.initiatorPort : 0)
    if let known = memo[key] { return known }
    let path = model.path(of: flow)
    let number: Int32
    if let existing = numbers[path] {
      number = existing
    } else {
      number = Int32(paths.count)
      paths.append(path)
      numbers[path] = number
    }
    if memo.count >= Self.limit { memo.removeAll(keepingCapacity: true) }
    memo[key] = number
    return number
  }
}
