import BulkheadModel

/// Seconds since the Unix epoch as an ISO 8601 UTC timestamp with milliseconds, independent of locale and time zone.
enum UTCTimestamp {
  /// `2026-11-20T10:04:05.123Z`.
  static func text(_ seconds: Double) -> String {
    let millis = Int64((seconds * 1000).rounded(.down))
    let dayMillis: Int64 = 86_400_000
    let days = millis >= 0 ? millis / dayMillis : (millis - dayMillis + 1) / dayMillis
    let rest = millis - days * dayMillis
    let date = CalendarDate.today(now: Double(days) * 86_400)
    func pad(_ value: Int64, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    let hours = rest / 3_600_000
    let minutes = rest / 60_000 % 60
    let secs = rest / 1000 % 60
    return "\(date)T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(secs, 2)).\(pad(rest % 1000, 3))Z"
  }
}
