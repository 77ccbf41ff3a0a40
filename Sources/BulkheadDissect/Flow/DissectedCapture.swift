import BulkheadCapture

/// A capture read with the dissectors attached: its flow report and what each flow's protocol did.
public struct DissectedCapture: Sendable {
  /// The flows, assets, counters and diagnostics.
  public var report: CaptureReport
  /// One entry per flow of ``report``, in the same order: what the flow's protocol did, if it was recognised.
  public var observations: [ProtocolObservation?]

  /// Reads `files` as one capture with `dissectors` attached, in `shards` sessions on parallel threads (see
  /// ``ShardedCapture``; 1 reads on the calling thread). The result does not depend on `shards`. Flows are always
  /// collected: the observations are keyed by them. `progress` is passed to ``ShardedCapture/run(files:options:shards:progress:consumer:)``.
  public static func read(
    files: [String], options: CaptureOptions = CaptureOptions(), shards: Int = 1,
    dissectors: [any Dissector.Type] = DissectorRegistry.all,
    progress: (@Sendable (_ file: Int, _ done: Int, _ size: Int) -> Void)? = nil
  ) -> DissectedCapture {
    var options = options
    options.collectFlows = true
    options.shard = nil
    guard shards > 1 || progress != nil else {
      let consumer = DissectorConsumer(dissectors: dissectors)
      let report = CaptureSession.run(files: files, options: options, consumer: consumer)
      return DissectedCapture(
        report: report, observations: report.flows.map { consumer.observation(forFlow: $0.flowID) })
    }
    let run = ShardedCapture.run(files: files, options: options, shards: shards, progress: progress) {
      DissectorConsumer(dissectors: dissectors)
    }
    // The merged report numbers flows 0..<count in order, so a flow's id is its position.
    var observations = [ProtocolObservation?](repeating: nil, count: run.report.flows.count)
    for (consumer, flowIDs) in run.shards {
      guard let consumer else { continue }
      for (local, global) in flowIDs.enumerated() where global >= 0 && global < observations.count {
        observations[global] = consumer.observation(forFlow: local)
      }
    }
    return DissectedCapture(report: run.report, observations: observations)
  }
}
