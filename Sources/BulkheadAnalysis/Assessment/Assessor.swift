import BulkheadCapture
import BulkheadModel
import Crypto
import Foundation

/// Runs the whole pipeline on a plant directory: load the model, parse the firewalls, read the captures, reconcile,
/// run every rule, rank.
public struct Assessor: Sendable {
  /// The day findings about dates are judged on.
  public var today: CalendarDate
  /// Bulkhead's version, recorded in the result.
  public var toolVersion: String

  /// Creates an assessor.
  public init(today: CalendarDate = .today(), toolVersion: String) {
    self.today = today
    self.toolVersion = toolVersion
  }

  /// Assesses the model at `path` (a directory holding `bulkhead.yaml`, or the file).
  public func assess(path: String) throws(ModelLoadError) -> AssessmentResult {
    let loaded = try ModelLoader().load(path: path, today: today)
    return assess(loaded)
  }

  /// Assesses an already loaded model.
  public func assess(_ loaded: LoadedModel) -> AssessmentResult {
    let plant = loaded.plant
    var diagnostics = loaded.diagnostics
    let firewalls = FirewallView(plant: plant)
    diagnostics += firewalls.diagnostics

    // Observations, one capture point at a time (in parallel: each file is independent).
    let files = CaptureFiles.resolve(plant)
    var records: [ObservationRecord] = []
    var declaredZones: [String] = []
    var assets: [ObservedAsset] = []
    var packets: UInt64 = 0
    let results = CaptureFiles.read(files.filter { !$0.hasSuffix(".json") })
    for result in results {
      records += result.records
      assets += result.assets
      diagnostics += result.diagnostics
      packets += result.packets
    }
    for file in files where file.hasSuffix(".json") {
      let read = ObservationFile.read(path: file)
      records += read.records
      declaredZones += read.zones
      diagnostics += read.diagnostics
    }

    let reconciler = Reconciler(plant: plant, firewalls: firewalls)
    let observed = reconciler.observedFlows(records)
    let seen = SeenHosts.collect(records: records, assets: assets)
    var window: ObservationWindow? = nil
    if !records.isEmpty {
      // Zones a capture point watches: declared in the model (a capture at a zone's uplink), else inferred from
      // the hosts that sent traffic in it.
      var zones = Set(declaredZones)
      for pattern in plant.captures where !pattern.files().isEmpty { zones.formUnion(pattern.zones) }
      if plant.captures.allSatisfy({ $0.zones.isEmpty }) {
        for flow in observed {
          if let zone = flow.initiatorZone { zones.insert(zone) }
          if flow.answered, let zone = flow.responderZone { zones.insert(zone) }
        }
      }
      window = ObservationWindow(
        start: records.map(\.firstSeen).min() ?? 0, end: records.map(\.lastSeen).max() ?? 0,
        observedZones: zones.sorted())
    }
    let context = AssessmentContext(
      plant: plant, today: today, zonePairs: reconciler.zonePairs(observed: observed),
      enforcementPoints: firewalls.enforcementPointFacts(), firewallRules: firewalls.ruleFacts(),
      observedFlows: observed, seenHosts: seen, window: window)

    let radius = BlastRadius(context: context)
    var findings: [Finding] = []
    for rule in RuleRegistry.all {
      for var finding in rule.init().findings(in: context) {
        if finding.category == .segmentation, finding.zones.count == 2 {
          finding.blastRadius = radius.score(reaching: finding.zones[1])
        }
        findings.append(finding)
      }
    }
    // A model that repeats an id (BH201) would have a rule report one gap once per copy: one finding per fingerprint.
    var fingerprints: Set<String> = []
    findings = findings.filter { fingerprints.insert($0.fingerprint).inserted }
    var levels: [AchievedLevel] = []
    for zone in plant.zones {
      let achieved = SLGapRule.achieved(zone: zone, in: context)
      for requirement in FoundationalRequirement.allCases {
        guard let (level, reason) = achieved[requirement] else { continue }
        levels.append(
          AchievedLevel(
            zone: zone.id, requirement: requirement.key, target: zone.securityLevelTarget.level(for: requirement),
            achieved: level, reason: reason))
      }
    }
    return AssessmentResult(
      toolVersion: toolVersion, plant: plant.name, modelFile: plant.modelFile, date: today,
      findings: BlastRadius.rank(findings), rules: RuleRegistry.descriptions, zonePairs: context.zonePairs,
      enforcementPoints: context.enforcementPoints, firewallRules: context.firewallRules, observedFlows: observed,
      seenHosts: seen, window: window, achievedLevels: levels,
      inputs: InputDigest.inputs(plant: plant, captures: files), diagnostics: diagnostics.sorted(),
      packetsRead: packets)
  }
}
