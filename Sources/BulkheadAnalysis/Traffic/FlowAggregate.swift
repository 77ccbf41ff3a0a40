import BulkheadModel

/// Many flows counted together: how many, how much, when, between which hosts, what their protocols did, and a
/// bounded sample of the flows themselves. The reconciler builds one per ``TrafficKey`` as flows finish; a finding
/// carries the sum of the ones its cause covers.
///
/// Aggregates merge (``merge(_:)``) in any order to the same value: counts add, times widen, host lists unite, and
/// the sample keeps the top flows of one total order (most packets, then the earliest, then where they were seen),
/// so a capture read on several cores, or in two halves, aggregates exactly as in one pass.
public struct FlowAggregate: Hashable, Sendable, Codable {
  /// How many flows the sample keeps.
  public static let sampleLimit = 5
  /// How many distinct initiator/responder pairs are kept for drawing (``hostPairs`` is nil beyond).
  public static let hostPairLimit = 1024

  /// Number of flows.
  public var flows: Int
  /// Number of those the responder answered.
  public var answeredFlows: Int
  /// Packets, both directions, over all flows.
  public var packets: Int
  /// Bytes, both directions, over all flows.
  public var bytes: Int
  /// First packet time over all flows, seconds since the Unix epoch.
  public var firstSeen: Double
  /// Last packet time over all flows.
  public var lastSeen: Double
  /// The distinct hosts that opened the flows, sorted.
  public var initiators: [IPAddress]
  /// The distinct hosts they addressed, sorted.
  public var responders: [IPAddress]
  /// PDU counts by operation class (`read`, `write`, …), summed over the flows.
  public var operations: [String: Int]
  /// PDU counts by operation name, summed over the flows.
  public var operationNames: [String: Int]
  /// The flows with the most packets (ties: the earliest, then the first packet's place), at most ``sampleLimit``,
  /// each with the capture file and packet number of its first packet.
  public var sample: [ObservedFlowFacts]
  /// The distinct initiator → responder pairs, sorted; nil when there were more than ``hostPairLimit``.
  public var hostPairs: [HostPair]?

  /// An empty aggregate.
  public init() {
    flows = 0
    answeredFlows = 0
    packets = 0
    bytes = 0
    firstSeen = .infinity
    lastSeen = -.infinity
    initiators = []
    responders = []
    operations = [:]
    operationNames = [:]
    sample = []
    hostPairs = []
  }

  /// The aggregate of one flow.
  public init(_ flow: ObservedFlowFacts) {
    self.init()
    add(flow)
  }

  /// Whether no flow was counted.
  public var isEmpty: Bool { flows == 0 }

  /// Counts one more flow (for a few flows; the reconciler counts many in a ``FlowAccumulator``).
  public mutating func add(_ flow: ObservedFlowFacts) {
    var one = FlowAggregate()
    one.flows = 1
    one.answeredFlows = flow.answered ? 1 : 0
    one.packets = flow.packets
    one.bytes = flow.bytes
    one.firstSeen = flow.firstSeen
    one.lastSeen = flow.lastSeen
    one.initiators = [flow.initiator]
    one.responders = [flow.responder]
    one.operations = flow.operations
    one.operationNames = flow.operationNames
    one.sample = [flow]
    one.hostPairs = [HostPair(initiator: flow.initiator, responder: flow.responder)]
    merge(one)
  }

  /// Adds another aggregate's flows.
  public mutating func merge(_ other: FlowAggregate) {
    guard !other.isEmpty else { return }
    guard !isEmpty else {
      self = other
      return
    }
    flows += other.flows
    answeredFlows += other.answeredFlows
    packets += other.packets
    bytes += other.bytes
    firstSeen = min(firstSeen, other.firstSeen)
    lastSeen = max(lastSeen, other.lastSeen)
    initiators = Self.union(initiators, other.initiators)
    responders = Self.union(responders, other.responders)
    operations.merge(other.operations, uniquingKeysWith: +)
    operationNames.merge(other.operationNames, uniquingKeysWith: +)
    sample = Array((sample + other.sample).sorted(by: Self.samplesFirst).prefix(Self.sampleLimit))
    if let mine = hostPairs, let theirs = other.hostPairs {
      let pairs = Self.union(mine, theirs)
      hostPairs = pairs.count > Self.hostPairLimit ? nil : pairs
    } else {
      hostPairs = nil
    }
  }

  /// The sum of several aggregates.
  public static func sum(_ aggregates: some Sequence<FlowAggregate>) -> FlowAggregate {
    var total = FlowAggregate()
    for aggregate in aggregates { total.merge(aggregate) }
    return total
  }

  /// The sample's order: most packets, then the earliest, then the first place seen, then the connection.
  static func samplesFirst(_ a: ObservedFlowFacts, _ b: ObservedFlowFacts) -> Bool {
    if a.packets != b.packets { return a.packets > b.packets }
    if a.firstSeen != b.firstSeen { return a.firstSeen < b.firstSeen }
    if a.seenAt != b.seenAt { return a.seenAt.lexicographicallyPrecedes(b.seenAt) }
    if a.initiator != b.initiator { return a.initiator < b.initiator }
    if a.responder != b.responder { return a.responder < b.responder }
    if a.initiatorPort != b.initiatorPort { return a.initiatorPort < b.initiatorPort }
    return a.responderPort < b.responderPort
  }

  /// The union of two sorted lists without repeats, sorted.
  static func union<Element: Comparable>(_ a: [Element], _ b: [Element]) -> [Element] {
    var result: [Element] = []
    result.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      let next: Element
      if j >= b.count || (i < a.count && a[i] < b[j]) {
        next = a[i]
        i += 1
      } else if i >= a.count || b[j] < a[i] {
        next = b[j]
        j += 1
      } else {
        next = a[i]
        i += 1
        j += 1
      }
      if result.last != next { result.append(next) }
    }
    return result
  }

  private enum CodingKeys: String, CodingKey {
    case flows, answeredFlows, packets, bytes, firstSeen, lastSeen, initiators, responders, operations
    case operationNames, sample
  }

  // Host pairs are for drawing only; JSON lists the initiators and responders. An empty aggregate's times are 0.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    flows = try container.decode(Int.self, forKey: .flows)
    answeredFlows = try container.decode(Int.self, forKey: .answeredFlows)
    packets = try container.decode(Int.self, forKey: .packets)
    bytes = try container.decode(Int.self, forKey: .bytes)
    firstSeen = try container.decode(Double.self, forKey: .firstSeen)
    lastSeen = try container.decode(Double.self, forKey: .lastSeen)
    initiators = try container.decode([IPAddress].self, forKey: .initiators)
    responders = try container.decode([IPAddress].self, forKey: .responders)
    operations = try container.decode([String: Int].self, forKey: .operations)
    operationNames = try container.decode([String: Int].self, forKey: .operationNames)
    sample = try container.decode([ObservedFlowFacts].self, forKey: .sample)
    hostPairs = nil
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(flows, forKey: .flows)
    try container.encode(answeredFlows, forKey: .answeredFlows)
    try container.encode(packets, forKey: .packets)
    try container.encode(bytes, forKey: .bytes)
    try container.encode(isEmpty ? 0 : firstSeen, forKey: .firstSeen)
    try container.encode(isEmpty ? 0 : lastSeen, forKey: .lastSeen)
    try container.encode(initiators, forKey: .initiators)
    try container.encode(responders, forKey: .responders)
    try container.encode(operations, forKey: .operations)
    try container.encode(operationNames, forKey: .operationNames)
    try container.encode(sample, forKey: .sample)
  }
}

/// An initiator and the responder it addressed.
public struct HostPair: Hashable, Comparable, Sendable, Codable {
  /// The host that opened the flows.
  public var initiator: IPAddress
  /// The host it addressed.
  public var responder: IPAddress

  /// Creates a pair.
  public init(initiator: IPAddress, responder: IPAddress) {
    self.initiator = initiator
    self.responder = responder
  }

  public static func < (lhs: HostPair, rhs: HostPair) -> Bool {
    (lhs.initiator, lhs.responder) < (rhs.initiator, rhs.responder)
  }
}
