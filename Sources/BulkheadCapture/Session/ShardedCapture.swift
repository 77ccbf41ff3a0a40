import Dispatch

/// Reads one capture set with several sessions on parallel threads, one per ``CaptureShard``, and merges them into
/// the report a single session would have produced.
///
/// The merged report is the same as ``CaptureSession/run(files:options:consumer:)``'s, flow for flow: a session
/// numbers flows in the order of their first packets, and the merge renumbers the shards' flows by (first file,
/// first packet), which no two flows share. Counters are summed, except `peakLiveFlows`, which becomes the sum of
/// the shards' peaks (an upper bound of the single-session figure).
///
/// ```swift
/// let run = ShardedCapture.run(files: ["cell-3.pcap"], shards: 2) { MyConsumer() }
/// for (consumer, flowIDs) in run.shards { /* consumer saw flow ids i; the report calls them flowIDs[i] */ }
/// ```
public enum ShardedCapture {
  /// What a sharded read produced.
  public struct Result<Consumer> {
    /// The merged report.
    public var report: CaptureReport
    /// Each shard's consumer, with the map from the flow ids that consumer was handed to the ids in ``report``
    /// (indexed by the shard's id; empty when ``CaptureOptions/collectFlows`` is off).
    public var shards: [(consumer: Consumer?, flowIDs: [Int])]
  }

  /// Reads `files` in `shards` parallel sessions; `consumer` makes each session's payload consumer (on that
  /// session's thread) or returns `nil` for none. `options.shard` is ignored. `progress`, when given, is called
  /// now and then from the first shard's thread with (file index, bytes done, file size); the other shards keep
  /// pace with it, since all read the same pages. `attach`, when given, is called on each shard's thread with the
  /// shard's index, its session and its consumer before the first read (to set `onFlowEnd`, for instance).
  public static func run<Consumer: FlowPayloadConsumer & SendableMetatype>(
    files: [String], options: CaptureOptions = CaptureOptions(), shards: Int,
    progress: (@Sendable (_ file: Int, _ done: Int, _ size: Int) -> Void)? = nil,
    attach: (@Sendable (_ shard: Int, _ session: CaptureSession, _ consumer: Consumer?) -> Void)? = nil,
    consumer: @escaping @Sendable () -> Consumer?
  ) -> Result<Consumer> {
    let count = max(1, shards)
    let parts = ShardResults<(report: CaptureReport, consumer: Consumer?)>(count: count)
    // Each file is mapped once for all shards (see SharedMappedFile).
    let mapped = files.map { SharedMappedFile(path: $0, readers: count) }
    DispatchQueue.concurrentPerform(iterations: count) { index in
      var shardOptions = options
      shardOptions.shard = count > 1 ? CaptureShard(index: index, of: count) : nil
      let attached = consumer()
      let session = CaptureSession(options: shardOptions, consumer: attached)
      attach?(index, session, attached)
      for (position, (file, path)) in zip(mapped, files).enumerated() {
        if index == 0, let progress {
          progress(position, 0, 0)
          session.onProgress = { done, size in progress(position, done, size) }
        }
        session.read(shared: file, reader: index, path: path)
      }
      parts.set(index, (session.finish(), attached))
    }
    let results = parts.values
    let reports = results.map(\.report)
    var merged = CaptureReport()
    // The primary shard alone holds the per-file and per-packet facts.
    merged.files = reports[0].files
    merged.diagnostics = reports[0].diagnostics
    merged.vendorTableNotice = reports[0].vendorTableNotice
    for report in reports { merged.statistics.add(report.statistics) }
    merged.assets = count > 1 ? CaptureReport.unitedAssets(reports) : reports[0].assets
    // Renumber by first packet, the order one session hands out ids in.
    var order: [(shard: Int, position: Int)] = []
    order.reserveCapacity(reports.reduce(0) { $0 + $1.flows.count })
    for (shard, report) in reports.enumerated() {
      for position in report.flows.indices { order.append((shard, position)) }
    }
    order.sort { left, right in
      let a = reports[left.shard].flows[left.position]
      let b = reports[right.shard].flows[right.position]
      return (a.firstFileIndex, a.firstPacketNumber) < (b.firstFileIndex, b.firstPacketNumber)
    }
    var flowIDs = reports.map { [Int](repeating: -1, count: $0.flows.count) }
    merged.flows.reserveCapacity(order.count)
    for (rank, entry) in order.enumerated() {
      var flow = reports[entry.shard].flows[entry.position]
      // A session's flow ids are dense from 0, so the id indexes the shard's map.
      if flow.flowID >= 0 && flow.flowID < flowIDs[entry.shard].count { flowIDs[entry.shard][flow.flowID] = rank }
      flow.flowID = rank
      merged.flows.append(flow)
    }
    return Result(
      report: merged, shards: results.enumerated().map { index, part in (part.consumer, flowIDs[index]) })
  }
}

/// One slot per shard, each written by exactly one worker of a `concurrentPerform` and read after it returned
/// (which orders the writes before the reads), so no lock is needed.
private final class ShardResults<Value>: @unchecked Sendable {
  private let count: Int
  private let slots: UnsafeMutablePointer<Value?>

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func set(_ index: Int, _ value: Value) { slots[index] = value }

  var values: [Value] { (0..<count).compactMap { slots[$0] } }
}
