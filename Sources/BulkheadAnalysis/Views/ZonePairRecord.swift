/// The reconciled record of one ordered zone pair: what is declared, configured and observed from `from` to `to`.
public struct ZonePairRecord: Hashable, Sendable, Codable {
  /// Source zone id.
  public var from: String
  /// Destination zone id.
  public var to: String
  /// Flows conduits declare from `from` to `to`.
  public var declared: [DeclaredFlowFacts]
  /// Everything the firewalls let through for new connections, as compact services.
  public var permitted: [PermittedService]
  /// The part of `permitted` no declared flow covers.
  public var undeclared: [PermittedService]
  /// The traffic seen from `from` to `to`, by class.
  public var observed: [ObservedTraffic]
  /// Whether the firewalls between the zones could all be evaluated.
  public var configurationKnown: Bool

  /// Creates a record.
  public init(
    from: String, to: String, declared: [DeclaredFlowFacts] = [], permitted: [PermittedService] = [],
    undeclared: [PermittedService] = [], observed: [ObservedTraffic] = [], configurationKnown: Bool = true
  ) {
    self.from = from
    self.to = to
    self.declared = declared
    self.permitted = permitted
    self.undeclared = undeclared
    self.observed = observed
    self.configurationKnown = configurationKnown
  }

  /// One-glance status for the zone matrix: what each view says about this pair.
  public var cell: ZoneMatrixCell {
    ZoneMatrixCell(
      declared: !declared.isEmpty, configured: !permitted.isEmpty, observed: observed.contains(where: \.answered),
      undeclaredPermits: !undeclared.isEmpty,
      observedDenied: observed.contains { $0.key.verdict == .denied && $0.answered })
  }
}
