/// Flows, packets and bytes added up.
public struct StoreTotals: Hashable, Sendable, CustomStringConvertible {
  public var flows: Int
  public var packets: Int
  public var bytes: Int

  /// Creates totals.
  public init(flows: Int = 0, packets: Int = 0, bytes: Int = 0) {
    self.flows = flows
    self.packets = packets
    self.bytes = bytes
  }

  public var description: String { "\(flows) flows, \(packets) packets, \(bytes) bytes" }
}
