import BulkheadCapture
import BulkheadDissect

/// `bulkhead flows --format json`: the capture report's keys, plus `observations`, the full dissector observation of
/// every flow whose protocol was recognised (the flows' `annotations` hold its summary).
public struct FlowListing: Encodable, Sendable {
  /// One recognised flow's observation.
  public struct ObservedFlow: Encodable, Sendable {
    /// The flow's id in `flows`.
    public var flowID: Int
    /// What its dissector saw.
    public var observation: ProtocolObservation
  }

  /// The capture report.
  public var report: CaptureReport
  /// The recognised flows' observations, in flow order.
  public var observations: [ObservedFlow]

  /// `observations` runs parallel to `report.flows` (empty when the dissectors were off).
  public init(report: CaptureReport, observations: [ProtocolObservation?]) {
    self.report = report
    self.observations = zip(report.flows, observations).compactMap { flow, observation in
      observation.map { ObservedFlow(flowID: flow.flowID, observation: $0) }
    }
  }

  private enum CodingKeys: String, CodingKey {
    case observations
  }

  public func encode(to encoder: any Encoder) throws {
    // The report's own keys first, then one more key in the same object.
    try report.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(observations, forKey: .observations)
  }
}
