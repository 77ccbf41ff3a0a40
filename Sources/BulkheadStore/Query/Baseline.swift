/// An accepted baseline: the observed state up to ``windowEnd`` is what drift is judged against, accepted by whom,
/// when and why.
public struct Baseline: Hashable, Sendable {
  public var id: Int64
  /// When it was accepted (RFC 3339 UTC).
  public var acceptedAt: String
  /// Who accepted it.
  public var acceptedBy: String
  /// Why.
  public var reason: String
  /// The observation it covers, seconds since the epoch (nil when the store was empty).
  public var windowStart: Double?
  public var windowEnd: Double?
}
