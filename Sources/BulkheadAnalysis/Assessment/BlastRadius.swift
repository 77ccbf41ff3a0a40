import BulkheadModel

/// How much of the plant a gap exposes: the assets of the destination zone and of every zone reachable onward from
/// it through permitted paths, each weighted by its zone's SL-T (a higher target means more to lose) and its
/// criticality. The seed: "segmentation first, because it bounds the blast radius".
struct BlastRadius {
  let context: AssessmentContext
  private var onward: [String: Set<String>] = [:]

  init(context: AssessmentContext) {
    self.context = context
    for record in context.zonePairs where !record.permitted.isEmpty || record.observed.contains(where: \.answered) {
      onward[record.from, default: []].insert(record.to)
    }
  }

  /// The score for a finding whose gap lands in `zone`.
  func score(reaching zone: String) -> Int {
    var seen: Set<String> = [zone]
    var queue = [zone]
    while let next = queue.popLast() {
      for further in onward[next] ?? [] where seen.insert(further).inserted { queue.append(further) }
    }
    return seen.sorted().reduce(0) { total, id in
      guard let zone = context.plant.zone(id: id) else { return total }
      let weight = zone.securityLevelTarget.overall + 1
      return total
        + context.plant.assets(inZone: id).reduce(0) { sum, asset in sum + weight * Self.criticality(asset.criticality)
        }
    }
  }

  static func criticality(_ criticality: Criticality?) -> Int {
    switch criticality {
    case .low: 1
    case .medium, .none: 2
    case .high: 3
    case .critical: 4
    }
  }

  /// Findings in closing order: category (segmentation, visibility, documentation), then severity, then blast
  /// radius, rule id and location, so the order is total and deterministic. Severity leads blast radius because it
  /// already says what kind of gap it is (a direct path into control is critical whatever sits behind it); within
  /// one severity the gap that exposes more of the plant comes first.
  static func rank(_ findings: [Finding]) -> [Finding] {
    findings.sorted { a, b in
      if a.category != b.category { return a.category < b.category }
      if a.severity != b.severity { return a.severity > b.severity }
      if a.blastRadius != b.blastRadius { return a.blastRadius > b.blastRadius }
      if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
      if a.location != b.location { return a.location < b.location }
      return a.subject < b.subject
    }
  }
}
