import BulkheadFirewall
import BulkheadModel
import Foundation

/// Answers "what does this firewall change open or break?" before it ships: parses today's and the proposed configs
/// into one packet space for the exact difference per zone pair, assesses the plant both ways, replays every
/// observed flow through both, and compares the declared conduit flows and the findings.
public struct WhatIfAnalyzer: Sendable {
  /// The day both assessments are judged on.
  public var today: CalendarDate
  /// Bulkhead's version, recorded in the result.
  public var toolVersion: String
  /// The diagrams' memory budget for the exact difference (refused beyond, never approximated).
  public var memoryLimit: Int

  /// Creates an analyzer.
  public init(
    today: CalendarDate = .today(), toolVersion: String, memoryLimit: Int = PacketSpace.defaultMemoryLimit
  ) {
    self.today = today
    self.toolVersion = toolVersion
    self.memoryLimit = memoryLimit
  }

  /// Compares the loaded plant with its configs as they are and with `proposed` in place of theirs; `history` (the
  /// observation store over a window) is replayed beside the model's captures, as `assess` reads it.
  public func compare(
    _ loaded: LoadedModel, proposing proposed: [ProposedConfig], history: RecordedHistory? = nil
  ) throws(WhatIfError) -> WhatIfResult {
    let plant = loaded.plant
    let changed = try Self.plant(plant, proposing: proposed)
    let configured = ConfiguredChange(before: plant, after: changed, memoryLimit: memoryLimit)
    let zonePairs = try configured.zonePairs()
    let replay = ReplayBaseline(today: PathModel(plant: plant, firewalls: configured.before))
    let assessor = Assessor(today: today, toolVersion: toolVersion)
    let before = assessor.assess(loaded, history: history)
    let after = assessor.assess(
      LoadedModel(plant: changed, diagnostics: loaded.diagnostics), history: history, onFlow: nil, stages: nil,
      replay: replay)

    var declaredBefore: [String: DeclaredFlowFacts] = [:]
    for pair in before.zonePairs {
      for flow in pair.declared { declaredBefore[Self.key(flow)] = flow }
    }
    var conduitChanges: [DeclaredFlowChange] = []
    for pair in after.zonePairs {
      for flow in pair.declared {
        guard let old = declaredBefore[Self.key(flow)], old.coverage != flow.coverage else { continue }
        conduitChanges.append(DeclaredFlowChange(before: old, after: flow))
      }
    }
    conduitChanges.sort {
      ($0.before.location, $0.before.fromZone, $0.before.toZone) < (
        $1.before.location, $1.before.fromZone, $1.before.toZone
      )
    }

    let fingerprintsBefore = Set(before.findings.map(\.fingerprint))
    let fingerprintsAfter = Set(after.findings.map(\.fingerprint))
    return WhatIfResult(
      toolVersion: toolVersion, plant: plant.name, modelFile: plant.modelFile, date: today, proposed: proposed,
      zonePairs: zonePairs, flowChanges: replay.changes.changes, conduitChanges: conduitChanges,
      closedFindings: before.findings.filter { !fingerprintsAfter.contains($0.fingerprint) },
      openedFindings: after.findings.filter { !fingerprintsBefore.contains($0.fingerprint) },
      unchangedFindings: fingerprintsBefore.intersection(fingerprintsAfter).count, flowCount: after.flowCount,
      diagnostics: Set(before.diagnostics + after.diagnostics).sorted())
  }

  /// A declared flow's identity across the two assessments: conduit, flow, zone pair.
  private static func key(_ flow: DeclaredFlowFacts) -> String {
    "\(flow.conduit)\u{1}\(flow.flowIndex)\u{1}\(flow.fromZone)\u{1}\(flow.toZone)"
  }

  /// The plant with the proposed configs in place of its enforcement points' own.
  public static func plant(_ plant: Plant, proposing proposed: [ProposedConfig]) throws(WhatIfError) -> Plant {
    if proposed.isEmpty { throw .nothingProposed }
    var points = plant.enforcementPoints
    var seen: Set<String> = []
    for change in proposed {
      guard let index = points.firstIndex(where: { $0.id == change.enforcementPoint }) else {
        throw .unknownEnforcementPoint(change.enforcementPoint, known: points.map(\.id))
      }
      guard seen.insert(change.enforcementPoint).inserted else {
        throw .repeatedEnforcementPoint(change.enforcementPoint)
      }
      if let refusal = FileKind.refusal(path: change.path) {
        throw .unreadableConfig(path: change.path, reason: refusal)
      }
      guard FileManager.default.isReadableFile(atPath: change.path) else {
        throw .unreadableConfig(path: change.path, reason: "cannot read the proposed config")
      }
      points[index].config = change.path
      points[index].configPath = change.path
    }
    return Plant(
      name: plant.name, description: plant.description, modelFile: plant.modelFile,
      baseDirectory: plant.baseDirectory, zones: plant.zones, assets: plant.assets, groups: plant.groups,
      conduits: plant.conduits, enforcementPoints: points, captures: plant.captures, inventory: plant.inventory,
      inventoryPath: plant.inventoryPath)
  }
}
