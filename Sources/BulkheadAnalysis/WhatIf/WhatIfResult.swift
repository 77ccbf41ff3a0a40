import BulkheadModel

/// What a proposed firewall change does to a plant: the configured packet space per zone pair, the observed traffic
/// it would start dropping (or letting through), the declared conduit flows it breaks, and the findings it closes
/// and opens. Renderers print it; none of them computes anything.
public struct WhatIfResult: Sendable, Encodable {
  /// Bulkhead's version.
  public var toolVersion: String
  /// The plant's name.
  public var plant: String
  /// The model file.
  public var modelFile: String
  /// The day both assessments were judged on.
  public var date: CalendarDate
  /// The proposed configs, in the order given.
  public var proposed: [ProposedConfig]
  /// Zone pairs whose configured packets differ, in model zone order.
  public var zonePairs: [ZonePairChange]
  /// Observed traffic whose verdict differs, ranked (traffic a conduit declares first).
  public var flowChanges: [ObservedFlowChange]
  /// Declared conduit flows whose coverage differs, in model order.
  public var conduitChanges: [DeclaredFlowChange]
  /// Findings of today's assessment that the change closes, ranked as today.
  public var closedFindings: [Finding]
  /// Findings of the proposed assessment that are not there today, ranked.
  public var openedFindings: [Finding]
  /// How many findings both assessments make.
  public var unchangedFindings: Int
  /// How many observed flows were replayed.
  public var flowCount: Int
  /// What could not be interpreted on either side (model, today's and the proposed configs, captures), sorted.
  public var diagnostics: [Diagnostic]

  /// Creates a result.
  public init(
    toolVersion: String, plant: String, modelFile: String, date: CalendarDate, proposed: [ProposedConfig],
    zonePairs: [ZonePairChange] = [], flowChanges: [ObservedFlowChange] = [],
    conduitChanges: [DeclaredFlowChange] = [], closedFindings: [Finding] = [], openedFindings: [Finding] = [],
    unchangedFindings: Int = 0, flowCount: Int = 0, diagnostics: [Diagnostic] = []
  ) {
    self.toolVersion = toolVersion
    self.plant = plant
    self.modelFile = modelFile
    self.date = date
    self.proposed = proposed
    self.zonePairs = zonePairs
    self.flowChanges = flowChanges
    self.conduitChanges = conduitChanges
    self.closedFindings = closedFindings
    self.openedFindings = openedFindings
    self.unchangedFindings = unchangedFindings
    self.flowCount = flowCount
    self.diagnostics = diagnostics
  }

  /// Observed traffic the change would start dropping.
  public var droppedFlows: [ObservedFlowChange] { flowChanges.filter(\.startsDropping) }

  /// Observed traffic, dropped today, that the change would let through.
  public var admittedFlows: [ObservedFlowChange] { flowChanges.filter(\.startsAllowing) }

  /// Declared conduit flows the firewalls would let less of through.
  public var brokenConduitFlows: [DeclaredFlowChange] { conduitChanges.filter(\.losesCoverage) }

  /// The conduits the change breaks: a declared flow loses coverage, or observed traffic the conduit declares
  /// would be dropped; sorted.
  public var brokenConduits: [String] {
    Set(brokenConduitFlows.map(\.before.conduit) + droppedFlows.compactMap(\.key.conduit)).sorted()
  }

  private enum CodingKeys: String, CodingKey {
    case toolVersion, plant, modelFile, date, proposed, zonePairs, flowChanges, conduitChanges, closedFindings
    case openedFindings, unchangedFindings, flowCount, diagnostics, brokenConduits
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(toolVersion, forKey: .toolVersion)
    try container.encode(plant, forKey: .plant)
    try container.encode(modelFile, forKey: .modelFile)
    try container.encode(date, forKey: .date)
    try container.encode(proposed, forKey: .proposed)
    try container.encode(zonePairs, forKey: .zonePairs)
    try container.encode(flowChanges, forKey: .flowChanges)
    try container.encode(conduitChanges, forKey: .conduitChanges)
    try container.encode(closedFindings, forKey: .closedFindings)
    try container.encode(openedFindings, forKey: .openedFindings)
    try container.encode(unchangedFindings, forKey: .unchangedFindings)
    try container.encode(flowCount, forKey: .flowCount)
    try container.encode(diagnostics, forKey: .diagnostics)
    try container.encode(brokenConduits, forKey: .brokenConduits)
  }
}
