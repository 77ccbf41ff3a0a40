/// Observed traffic that no proposed conduit carries, and why (accounted for in the report, never dropped).
public struct UnproposedService: Hashable, Sendable {
  /// The traffic.
  public var service: SeenService
  /// Its flows.
  public var tally: ServiceTally
  /// Why no conduit proposes it.
  public var reason: String
}
