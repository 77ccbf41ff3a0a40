import BulkheadAnalysis

/// Observed cross-zone traffic that no conduit declares (what `assess` reports as a shadow conduit, a DMZ bypass or
/// traffic the firewalls should have dropped), and what the amendment proposes for it.
public struct UndeclaredFlow: Hashable, Sendable {
  /// The traffic class, as the assessment reconciled it.
  public var traffic: ObservedTraffic
  /// The conduit the amendment proposes to declare it in, nil when none is proposed.
  public var conduit: String?
  /// Why no conduit is proposed, nil when one is.
  public var reason: String?

  /// Creates an entry.
  public init(traffic: ObservedTraffic, conduit: String? = nil, reason: String? = nil) {
    self.traffic = traffic
    self.conduit = conduit
    self.reason = reason
  }
}
