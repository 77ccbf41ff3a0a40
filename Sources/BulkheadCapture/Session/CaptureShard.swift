/// One of several sessions that read the same capture in parallel, each owning a share of the flows.
///
/// Every session reads and decodes every packet (the cheap part), but only the shard that owns a flow's key keeps
/// its state, reassembles its payload and feeds its dissectors (the expensive part). A packet's owner depends only on
/// its canonical flow key, so both directions, a reused port and an idle re-start of a conversation all land in the
/// same shard. The first shard also keeps what belongs to no flow: packet and file counters, ARP, undecoded frames
/// and the readers' diagnostics. ``ShardedCapture`` runs the shards and merges them.
public struct CaptureShard: Sendable, Hashable {
  /// This session's share, `0..<count`.
  public let index: Int
  /// How many sessions share the capture.
  public let count: Int

  /// A shard; `index` is clamped into `0..<count`.
  public init(index: Int, of count: Int) {
    self.count = max(1, count)
    self.index = min(max(0, index), self.count - 1)
  }

  /// Whether this shard keeps counters and diagnostics that belong to no flow.
  public var isPrimary: Bool { index == 0 }

  /// Whether the flow with this ownership hash (``FlowKey/shardHash``) belongs to this shard.
  @inline(__always) func owns(_ hash: UInt64) -> Bool {
    Int(((hash >> 32) &* UInt64(count)) >> 32) == index
  }
}
