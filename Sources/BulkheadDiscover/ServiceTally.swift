import BulkheadModel

/// What the flows of one ``SeenService`` add up to.
public struct ServiceTally: Hashable, Sendable {
  /// Flows.
  public var flows = 0
  /// Flows the responder answered.
  public var answeredFlows = 0
  /// Packets, both directions.
  public var packets = 0
  /// PDU counts by operation class (`read`, `write`, …).
  public var operations: [String: Int] = [:]
  /// First packet time, seconds since the Unix epoch.
  public var firstSeen = Double.infinity
  /// Last packet time.
  public var lastSeen = -Double.infinity
  /// The earliest place a flow was seen (capture file, packet number).
  public var firstSeenAt: SourceLocation?
  /// Capture files that saw every one of the flows (a flow seen at several capture points names each).
  public var files: Set<String>?

  /// Creates an empty tally.
  public init() {}

  /// Operation classes with at least one PDU, `other` left out (session management says nothing about intent).
  public var operationClasses: [OperationClass] {
    operations.filter { $0.value > 0 }.keys.compactMap(OperationClass.init(rawValue:)).filter { $0 != .other }
      .sorted()
  }

  /// Counts one flow seen at `places`.
  mutating func add(
    packets: Int, answered: Bool, operations: [String: Int], first: Double, last: Double,
    places: [SourceLocation]
  ) {
    flows += 1
    if answered { answeredFlows += 1 }
    self.packets += packets
    self.operations.merge(operations, uniquingKeysWith: +)
    firstSeen = min(firstSeen, first)
    lastSeen = max(lastSeen, last)
    if let earliest = places.min(), firstSeenAt.map({ earliest < $0 }) ?? true { firstSeenAt = earliest }
    let seen = Set(places.map(\.file))
    files = files.map { $0.intersection(seen) } ?? seen
  }
}
