import BulkheadModel

/// Everything a session learned: files, flows, assets, counters and diagnostics.
public struct CaptureReport: Sendable, Codable {
  /// One summary per file, in the order read.
  public var files: [CaptureFileSummary]
  /// Finished flows in order of first packet (empty when ``CaptureOptions/collectFlows`` is off).
  public var flows: [FlowRecord]
  /// Assets seen, IP assets first (sorted by address), then MAC-only assets.
  public var assets: [ObservedAsset]
  /// Counters.
  public var statistics: CaptureStatistics
  /// Problems found in the input, each naming file, packet or block number and byte offset.
  public var diagnostics: [Diagnostic]
  /// Set when the MAC vendor table could not be read (a one-line notice, not an error).
  public var vendorTableNotice: String?

  /// Creates a report.
  public init(
    files: [CaptureFileSummary] = [], flows: [FlowRecord] = [], assets: [ObservedAsset] = [],
    statistics: CaptureStatistics = CaptureStatistics(), diagnostics: [Diagnostic] = [],
    vendorTableNotice: String? = nil
  ) {
    self.files = files
    self.flows = flows
    self.assets = assets
    self.statistics = statistics
    self.diagnostics = diagnostics
    self.vendorTableNotice = vendorTableNotice
  }
}
