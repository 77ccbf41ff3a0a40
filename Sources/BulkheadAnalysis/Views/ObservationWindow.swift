/// The time span the captures cover; "never seen" means nothing without it.
public struct ObservationWindow: Hashable, Sendable, Codable {
  /// First packet time, seconds since the Unix epoch.
  public var start: Double
  /// Last packet time.
  public var end: Double
  /// Zones whose traffic some capture point saw.
  public var observedZones: [String]

  /// Creates a window.
  public init(start: Double, end: Double, observedZones: [String]) {
    self.start = start
    self.end = end
    self.observedZones = observedZones
  }

  /// Length in seconds.
  public var duration: Double { max(0, end - start) }

  /// `42 s`, `3.5 h`, `2.0 days`: how long the window was, for findings that rest on absence.
  public var durationText: String {
    let seconds = duration
    if seconds < 120 { return "\(Int(seconds.rounded())) s" }
    if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
    if seconds < 172_800 { return "\((seconds / 360).rounded() / 10) h" }
    return "\((seconds / 8640).rounded() / 10) days"
  }
}
