/// A time window over the store: everything whose hour bucket overlaps [since, until); nil ends are open.
public struct StoreWindow: Hashable, Sendable {
  /// Earliest time, seconds since the epoch (nil: from the beginning).
  public var since: Double?
  /// Latest time (nil: to the end).
  public var until: Double?

  /// Creates a window.
  public init(since: Double? = nil, until: Double? = nil) {
    self.since = since
    self.until = until
  }

  /// Parses `30d`, `12h`, `90m`, `2026-11-01` or `2026-11-01T08:00:00Z` relative to `now` (a duration counts back
  /// from now).
  public static func time(_ text: String, now: Double) -> Double? {
    if let last = text.last, let unit = ["s": 1.0, "m": 60, "h": 3600, "d": 86_400, "w": 604_800][String(last)],
      let amount = Double(text.dropLast()), amount >= 0
    {
      return now - amount * unit
    }
    return CalendarTime.seconds(text)
  }
}
