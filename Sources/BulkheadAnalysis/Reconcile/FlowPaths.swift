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

/// The model side of reconciliation, read by every thread that reconciles flows: the plant, its parsed firewalls,
/// and the address sets both of them name.
///
/// A flow's path depends on its addresses only through those sets: the zone each end lies in, which conduit-flow
/// endpoints hold it, and which address lists of which firewall rules contain it. Two addresses in the same sets are
/// the same to the model and to every firewall, so a path is worked out once per (address class, address class,
/// service) — exactly, not by sampling — and the hundreds of office hosts of a plant share one class.
///
/// Nothing here changes after `init`, and a trace reads only the parsed rulesets (the packet-space engine, which
/// keeps caches, is not touched), so threads share it without a lock.
final class PathModel: @unchecked Sendable {
  let plant: Plant
  let firewalls: FirewallView
  /// Whether some rule matches on source ports; only then does a flow's client port take part in its verdict.
  let sourcePortMatters: Bool
  /// Every declared conduit flow with its address blocks, in model order.
  private let declared: [ResolvedFlow]
  /// The distinct address lists the firewall rules match on.
  private let ruleAddressSets: [[AddressRange]]
  /// For a what-if's proposed side: today's plant, every flow is replayed against (nil in an assessment).
  let replay: ReplayBaseline?

  init(plant: Plant, firewalls: FirewallView, replay: ReplayBaseline? = nil) {
    self.plant = plant
    self.firewalls = firewalls
    self.replay = replay
    declared = plant.resolvedFlows()
    var sourcePorts = false
    var lists: Set<[AddressRange]> = []
    for point in plant.enforcementPoints {
      guard let ruleset = firewalls.ruleset(of: point.id) else { continue }
      for table in ruleset.tables {
        for chain in table.chains {
          for rule in chain.rules {
            // Every case named: a new kind of match must say here whether it looks at addresses or ports. An
            // unsupported condition never looks at the packet (the engine assumes it by the rule's action).
            for match in rule.matches {
              switch match {
              case .sourcePort, .anyPort: sourcePorts = true
              case .source(let ranges, _), .destination(let ranges, _): lists.insert(ranges)
              case .family, .proto, .destinationPort, .icmp, .inInterface, .outInterface, .state, .unsupported: break
              }
            }
          }
        }
      }
    }
    sourcePortMatters = sourcePorts
    ruleAddressSets = lists.sorted { $0.lexicographicallyPrecedes($1) }
  }

  /// What makes an address different from another to the model and the firewalls.
  struct AddressClass: Hashable {
    var family: IPAddress.Family
    var zone: String?
    /// Bit 2i: source side of declared flow i holds it; 2i+1: destination side; then one bit per rule address list.
    var sets: [UInt64]
  }

  /// The class of one address.
  func addressClass(of address: IPAddress) -> AddressClass {
    var bits = [UInt64](repeating: 0, count: (declared.count * 2 + ruleAddressSets.count + 63) / 64)
    func set(_ bit: Int) { bits[bit >> 6] |= 1 << UInt64(bit & 63) }
    for (index, flow) in declared.enumerated() {
      if flow.sources.contains(where: { $0.contains(address) }) { set(2 * index) }
      if flow.destinations.contains(where: { $0.contains(address) }) { set(2 * index + 1) }
    }
    for (index, list) in ruleAddressSets.enumerated() where list.contains(where: { $0.contains(address) }) {
      set(declared.count * 2 + index)
    }
    return AddressClass(family: address.family, zone: plant.zone(containing: address)?.id, sets: bits)
  }

  /// The path of one flow (any flow between addresses of the same classes has it): zones, the conduit flow that
  /// explains it, and the configured verdict for its first packet as a new connection.
  func path(of flow: FlowObservation, from: AddressClass, to: AddressClass) -> FlowPath {
    var path = FlowPath(
      initiatorZone: from.zone, responderZone: to.zone, service: flow.span, verdict: .unknown, verdictRules: [])
    if let explaining = declared.first(where: {
      $0.matches(
        source: flow.initiator, destination: flow.responder, ipProtocol: flow.transport.number,
        port: flow.responderPort)
    }) {
      path.conduit = explaining.conduit
      path.conduitFlowIndex = explaining.index
    }
    if let fromZone = from.zone, let toZone = to.zone, fromZone != toZone {
      let verdict = firewalls.verdict(
        source: flow.initiator, destination: flow.responder, transport: flow.transport,
        sourcePort: flow.initiatorPort == 0 ? 40000 : flow.initiatorPort, destinationPort: flow.responderPort)
      path.verdict = verdict.verdict
      path.verdictRules = verdict.rules
    } else {
      path.verdict = (from.zone == nil || to.zone == nil) ? .unknown : .notFiltered
    }
    return path
  }
}

/// One thread's memo of flow paths, by (address class, address class, service): each is worked out (conduit search,
/// a trace through every firewall) once.
struct FlowPaths {
  private struct Key: Hashable {
    var initiator: Int32
    var responder: Int32
    var transport: UInt8
    var responderPort: UInt16
    var initiatorPort: UInt16
  }

  /// Most memoised addresses or paths before a memo starts afresh (a scan of every address or port must not grow it
  /// without bound; the classes and paths themselves are few).
  static let limit = 1 << 18

  let model: PathModel
  private var addresses: [IPAddress: Int32] = [:]
  private var classes: [PathModel.AddressClass: Int32] = [:]
  private var memo: [Key: Int32] = [:]
  /// Every distinct path, by number.
  private(set) var paths: [FlowPath] = []
  private var numbers: [FlowPath: Int32] = [:]
  private var classList: [PathModel.AddressClass] = []

  init(model: PathModel) { self.model = model }

  /// The number of the flow's path in ``paths``.
  mutating func number(of flow: FlowObservation) -> Int32 {
    let from = classNumber(flow.initiator)
    let to = classNumber(flow.responder)
    let key = Key(
      initiator: from, responder: to, transport: flow.transport.number, responderPort: flow.responderPort,
      initiatorPort: model.sourcePortMatters ? flow.initiatorPort : 0)
    if let known = memo[key] { return known }
    let path = model.path(of: flow, from: classList[Int(from)], to: classList[Int(to)])
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

  private mutating func classNumber(_ address: IPAddress) -> Int32 {
    if let known = addresses[address] { return known }
    let addressClass = model.addressClass(of: address)
    let number: Int32
    if let existing = classes[addressClass] {
      number = existing
    } else {
      number = Int32(classList.count)
      classList.append(addressClass)
      classes[addressClass] = number
    }
    if addresses.count >= Self.limit { addresses.removeAll(keepingCapacity: true) }
    addresses[address] = number
    return number
  }
}
