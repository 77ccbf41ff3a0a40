/// The flows of one ``StoredFlowKey`` over a window: counts merged across capture points hour by hour (the same
/// traffic seen at two points counts once) and added up over the hours.
public struct StoredFlow: Hashable, Sendable {
  /// The key.
  public var key: StoredFlowKey
  /// What its flows added up to.
  public var counts: FlowBucketCounts
  /// The capture points that saw it, sorted.
  public var capturePoints: [String]
  /// The hours it was seen in (bucket starts), sorted.
  public var buckets: [Int64]
}
