import BulkheadCapture

/// A capture read with the dissectors attached: its flow report and what each flow's protocol did.
public struct DissectedCapture: Sendable {
  /// The flows, assets, counters and diagnostics.
  public var report: CaptureReport
  /// Observations by flow id (``FlowRecord/flowID`` in ``report``).
  public var observations: [Int: ProtocolObservation]

  /// Reads `files` as one capture with `dissectors` attached, in `shards` sessions on parallel threads (see
  /// ``ShardedCapture``; 1 reads on the calling thread). The result does not depend on `shards`. Flows are always
  /// collected: the observations are keyed by them.
  public static func read(
    files: [String], options: CaptureOptions = CaptureOptions(), shards: Int = 1,
    dissectors: [any Dissector.Type] = DissectorRegistry.all
  ) -> DissectedCapture {
    var options = options
    options.collectFlows = true
    options.shard = nil
    guard shards > 1 else {
      let consumer = DissectorConsumer(dissectors: dissectors)
      let report = CaptureSession.run(files: files, options: options, consumer: consumer)
      return DissectedCapture(report: report, observations: consumer.observations)
    }
    let run = ShardedCapture.run(files: files, options: options, shards: shards) {
      DissectorConsumer(dissectors: dissectors)
    }
    var observations: [Int: ProtocolObservation] = [:]
    for (consumer, flowIDs) in run.shards {
      guard let consumer else { continue }
      for (flowID, observation) in consumer.observations where flowID >= 0 && flowID < flowIDs.count {
        observations[flowIDs[flowID]] = observation
      }
    }
    return DissectedCapture(report: run.report, observations: observations)
  }
}
