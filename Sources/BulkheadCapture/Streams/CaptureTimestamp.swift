import BulkheadModel

/// A packet time as nanoseconds since the Unix epoch (UTC), whatever the capture's own resolution.
public struct CaptureTimestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Nanoseconds since 1970-01-01T00:00:00Z.
  public var nanoseconds: Int64

  /// Creates a timestamp.
  public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// Seconds since the epoch as a floating-point value (loses sub-microsecond precision for current dates).
  public var seconds: Double { Double(nanoseconds) / 1e9 }

  /// RFC 3339 UTC text with nanoseconds, e.g. `2024-05-01T12:00:00.123456789Z`.
  public var description: String {
    var secs = nanoseconds / 1_000_000_000
    var frac = nanoseconds % 1_000_000_000
    if frac < 0 {
      frac += 1_000_000_000
      secs -= 1
    }
    var days = secs / 86_400
    var rem = secs % 86_400
    if rem < 0 {
      rem += 86_400
      days -= 1
    }
    let (year, month, day) = CalendarDate.civil(fromDays: Int(days))
    func pad(_ v: some BinaryInteger, _ width: Int) -> String {
      let s = String(v)
      return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):"
      + "\(pad(rem % 60, 2)).\(pad(frac, 9))Z"
  }

  public static func < (lhs: CaptureTimestamp, rhs: CaptureTimestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
