import BulkheadModel

/// Everything `bulkhead assess` established: ranked findings with evidence, the reconciled zone pairs, and what was
/// read. Renderers print it; none of them computes anything.
public struct AssessmentResult: Sendable, Encodable {
  /// Bulkhead's version.
  public var toolVersion: String
  /// The plant's name.
  public var plant: String
  /// The model file.
  public var modelFile: String
  /// The day the assessment was judged on.
  public var date: CalendarDate
  /// Findings, ranked: segmentation first by blast radius, then visibility, then documentation.
  public var findings: [Finding]
  /// Every rule that ran (for SARIF metadata and the binder).
  public var rules: [RuleDescription]
  /// The reconciled zone pairs.
  public var zonePairs: [ZonePairRecord]
  /// The enforcement points.
  public var enforcementPoints: [EnforcementPointFacts]
  /// Every forwarding rule with what the engine says about it.
  public var firewallRules: [FirewallRuleFacts]
  /// The observed traffic by class, each with the aggregate of its flows (merged across capture points).
  public var traffic: [ObservedTraffic]
  /// How many flows were reconciled.
  public var flowCount: Int
  /// Hosts seen.
  public var seenHosts: [SeenHost]
  /// The captures' time span.
  public var window: ObservationWindow?
  /// SL-A per zone and foundational requirement, with the reason; requirements without evidence are absent.
  public var achievedLevels: [AchievedLevel]
  /// The input files with their digests.
  public var inputs: [InputFile]
  /// What could not be interpreted (model, configs, captures).
  public var diagnostics: [Diagnostic]
  /// Packets read from captures.
  public var packetsRead: UInt64

  /// The findings to fix first: the top segmentation findings of high severity or above, at most five.
  public var fixFirst: [Finding] {
    Array(findings.filter { $0.category == .segmentation && $0.severity >= .high }.prefix(5))
  }

  /// Number of findings per severity, highest first.
  public var countsBySeverity: [(FindingSeverity, Int)] {
    FindingSeverity.allCases.reversed().map { severity in (severity, findings.filter { $0.severity == severity }.count)
    }
  }

  private enum CodingKeys: String, CodingKey {
    case toolVersion, plant, modelFile, date, findings, rules, zonePairs, enforcementPoints, firewallRules
    case traffic, flowCount, seenHosts, window, achievedLevels, inputs, diagnostics, packetsRead
  }
}
