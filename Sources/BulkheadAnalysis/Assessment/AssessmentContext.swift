import BulkheadModel

/// Everything the rules read: the model and the reconciled facts of the configured and observed views.
///
/// Rules never see a vendor config or a packet; the reconciler turns those into these facts first (STYLE.md habit 2).
public struct AssessmentContext: Sendable {
  /// The plant model.
  public var plant: Plant
  /// The day findings about dates are judged on (injectable so tests are deterministic).
  public var today: CalendarDate
  /// One record per ordered pair of distinct zones.
  public var zonePairs: [ZonePairRecord]
  /// Every enforcement point.
  public var enforcementPoints: [EnforcementPointFacts]
  /// Every rule of every parsed enforcement point, in config order.
  public var firewallRules: [FirewallRuleFacts]
  /// The observed traffic by class (flows merged across capture points, reconciled and counted), sorted by key.
  public var traffic: [ObservedTraffic]
  /// Every host seen in IP traffic.
  public var seenHosts: [SeenHost]
  /// The time span the captures cover, nil without captures.
  public var window: ObservationWindow?

  /// Creates a context.
  public init(
    plant: Plant, today: CalendarDate, zonePairs: [ZonePairRecord] = [],
    enforcementPoints: [EnforcementPointFacts] = [],
    firewallRules: [FirewallRuleFacts] = [], traffic: [ObservedTraffic] = [], seenHosts: [SeenHost] = [],
    window: ObservationWindow? = nil
  ) {
    self.plant = plant
    self.today = today
    self.zonePairs = zonePairs
    self.enforcementPoints = enforcementPoints
    self.firewallRules = firewallRules
    self.traffic = traffic
    self.seenHosts = seenHosts
    self.window = window
  }

  /// The record of one ordered zone pair.
  public func record(from: String, to: String) -> ZonePairRecord? {
    zonePairs.first { $0.from == from && $0.to == to }
  }

  /// Whether a capture point saw the zone's traffic (so absence of traffic means something).
  public func isObserved(zone: String) -> Bool { window?.observedZones.contains(zone) ?? false }

  /// Rules of the enforcement point `id` that permit new connections.
  public func permits(of firewall: String) -> [FirewallRuleFacts] {
    firewallRules.filter { $0.rule.firewall == firewall && $0.disposition == .permit && !$0.establishedOnly }
  }
}
