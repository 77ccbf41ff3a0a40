import Foundation

/// RFC 3339 times and plain dates (UTC) as seconds since the epoch, and back.
enum CalendarTime {
  /// `2026-11-01` (midnight UTC) or `2026-11-01T08:00:00Z`.
  static func seconds(_ text: String) -> Double? {
    let formatter = ISO8601DateFormatter()
    if text.count == 10 {
      formatter.formatOptions = [.withFullDate]
    } else if text.contains(".") {
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }
    return formatter.date(from: text)?.timeIntervalSince1970
  }

  /// `2026-11-01T08:00:00Z`.
  static func text(_ seconds: Double) -> String {
    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
  }
}
