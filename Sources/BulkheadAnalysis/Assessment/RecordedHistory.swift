import BulkheadCapture

/// Observations kept from earlier captures (the observation store over a window), handed to the assessment beside
/// the model's capture files: flow records whose capture points are already merged, each standing for
/// ``ObservationRecord/flows`` connections, and the hosts' link-layer view.
public struct RecordedHistory: Sendable {
  /// One record per flow key and hour (or per key over the window), capture points merged.
  public var records: [ObservationRecord]
  /// Addresses with the MACs they used and the MACs' vendors.
  public var assets: [ObservedAsset]
  /// Model capture files already held (matched by content): the assessment does not read them again.
  public var coveredFiles: Set<String>
  /// Packets read when the history was recorded.
  public var packets: UInt64
  /// Findings the history itself establishes (drift against an accepted baseline), ranked with the rules' own.
  public var findings: [Finding] = []

  /// Creates a history.
  public init(
    records: [ObservationRecord], assets: [ObservedAsset] = [], coveredFiles: Set<String> = [], packets: UInt64 = 0
  ) {
    self.records = records
    self.assets = assets
    self.coveredFiles = coveredFiles
    self.packets = packets
  }
}
