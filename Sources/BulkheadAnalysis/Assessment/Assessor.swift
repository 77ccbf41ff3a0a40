import BulkheadCapture
import BulkheadModel
import Crypto
import Foundation

/// Runs the whole pipeline on a plant directory: load the model, parse the firewalls, read and reconcile the
/// captures as their flows finish, run every rule, rank.
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

  /// The capture files the model names (pcap, pcapng and `*.json` observations), sorted, as the assessment reads
  /// them.
  public static func captureFiles(of plant: Plant) -> [String] { CaptureFiles.resolve(plant) }

  /// Assesses an already loaded model. `onFlow`, when given, sees every reconciled flow with its traffic class
  /// (from several threads at once, in no particular order); nothing else keeps a flow. `stages`, when given,
  /// receives the wall-clock time of each stage. `history` (the observation store over a window) is reconciled beside
  /// the model's captures, of which those it already holds are not read again.
  public func assess(
    _ loaded: LoadedModel, history: RecordedHistory? = nil,
    onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)? = nil, stages: AssessmentStages? = nil
  ) -> AssessmentResult {
    assess(loaded, history: history, onFlow: onFlow, stages: stages, replay: nil)
  }

  /// The assessment; `replay`, for a what-if's proposed side, is today's plant every flow is replayed against (a
  /// flow the proposed firewalls start dropping is judged as the unanswered attempt it would become).
  func assess(
    _ loaded: LoadedModel, history: RecordedHistory?, onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)?,
    stages: AssessmentStages?, replay: ReplayBaseline?
  ) -> AssessmentResult {
    let plant = loaded.plant
    var diagnostics = loaded.diagnostics
    let (firewalls, model) = stages.time(.firewalls) {
      let firewalls = FirewallView(plant: plant)
      return (firewalls, PathModel(plant: plant, firewalls: firewalls, replay: replay))
    }
    diagnostics += firewalls.diagnostics

    let files = CaptureFiles.resolve(plant)
    // The input digests read every byte once more; they run beside the capture reading.
    let digests = Slots<[InputFile]>(count: 1)
    let hashing = DispatchGroup()
    DispatchQueue.global().async(group: hashing) {
      digests.set(0, InputDigest.inputs(plant: plant, captures: files))
    }
    let unread = files.filter { !(history?.coveredFiles.contains($0) ?? false) }
    let reading = stages.time(.captures) {
      CaptureFiles.read(unread, plant: plant, model: model, history: history, onFlow: onFlow)
    }
    diagnostics += reading.diagnostics
    let traffic = reading.tally.observedTraffic
    let seen = reading.tally.hosts.seenHosts(assets: reading.assets)
    var window: ObservationWindow? = nil
    if reading.tally.records > 0 {
      // Zones a capture point watches: declared in the model (a capture at a zone's uplink), else inferred from
      // the hosts that sent traffic in it.
      var zones = Set(reading.declaredZones)
      for pattern in plant.captures where !pattern.files().isEmpty { zones.formUnion(pattern.zones) }
      if plant.captures.allSatisfy({ $0.zones.isEmpty }) {
        for group in traffic {
          if let zone = group.key.initiatorZone { zones.insert(zone) }
          if group.answered, let zone = group.key.responderZone { zones.insert(zone) }
        }
      }
      window = ObservationWindow(start: reading.tally.start, end: reading.tally.end, observedZones: zones.sorted())
    }
    let zonePairs = stages.time(.zonePairs) {
      Reconciler(plant: plant, firewalls: firewalls).zonePairs(observed: traffic)
    }
    let context = AssessmentContext(
      plant: plant, today: today, zonePairs: zonePairs, enforcementPoints: firewalls.enforcementPointFacts(),
      firewallRules: firewalls.ruleFacts(), traffic: traffic, seenHosts: seen, window: window)
    let (findings, levels) = stages.time(.rules) { Self.judge(context, adding: history?.findings ?? []) }
    stages.time(.digests) { hashing.wait() }
    let inputs = digests.values.first ?? []
    return AssessmentResult(
      toolVersion: toolVersion, plant: plant.name, modelFile: plant.modelFile, date: today,
      findings: findings, rules: RuleRegistry.descriptions, zonePairs: context.zonePairs,
      enforcementPoints: context.enforcementPoints, firewallRules: context.firewallRules, traffic: traffic,
      flowCount: reading.tally.flows, seenHosts: seen, window: window, achievedLevels: levels,
      inputs: inputs, diagnostics: diagnostics.sorted(),
      packetsRead: reading.packets + (history?.packets ?? 0))
  }

  /// Every rule's findings on the facts, with `extra` (drift from the store), one per fingerprint, ranked; and the
  /// zones' achieved levels.
  private static func judge(_ context: AssessmentContext, adding extra: [Finding]) -> ([Finding], [AchievedLevel]) {
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
    findings += extra
    // A model that repeats an id (BH201) would have a rule report one gap once per copy: one finding per fingerprint.
    var fingerprints: Set<String> = []
    findings = findings.filter { fingerprints.insert($0.fingerprint).inserted }
    var levels: [AchievedLevel] = []
    for zone in context.plant.zones {
      let achieved = SLGapRule.achieved(zone: zone, in: context)
      for requirement in FoundationalRequirement.allCases {
        guard let (level, reason) = achieved[requirement] else { continue }
        levels.append(
          AchievedLevel(
            zone: zone.id, requirement: requirement.key, target: zone.securityLevelTarget.level(for: requirement),
            achieved: level, reason: reason))
      }
    }
    return (BlastRadius.rank(findings), levels)
  }
}
