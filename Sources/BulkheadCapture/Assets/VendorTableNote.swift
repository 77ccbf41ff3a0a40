import Synchronization

/// The note that MAC vendor names are unavailable (Debian's `ieee-data` is not installed), said at most once per
/// process however many captures, sessions or commands a process runs: the table is loaded once per process (see
/// ``OUIRegistry``), so one note tells everything there is to tell.
public enum VendorTableNote {
  private static let said = Mutex<Set<String>>([])

  /// The report's vendor-table notice the first time this process asks about that notice; nil afterwards, and nil
  /// when the table was read.
  public static func firstTime(in report: CaptureReport) -> String? {
    guard let notice = report.vendorTableNotice else { return nil }
    return said.withLock { $0.insert(notice).inserted } ? notice : nil
  }
}
