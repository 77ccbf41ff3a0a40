import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadStore

/// Assessing over the store gives what assessing the captures gives: the example plant's six captures ingested,
/// then assessed from the store alone (the model's captures are recognised as already held and not read again).
@Suite struct AssessFromStoreTests {
  @Test func theExamplePlantAssessedFromTheStoreHasTheSameFindings() throws {
    let directory = try StoreFixtures.scratch("assess")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let loaded = try StoreFixtures.loadExample()
    let assessor = Assessor(today: CalendarDate("2026-11-27") ?? .epoch, toolVersion: "test")
    let direct = assessor.assess(loaded)
    #expect(direct.findings.count > 10)

    let store = try ObservationStore(path: directory + "/observations.sqlite")
    let ingest = CaptureIngest(store: store, root: StoreFixtures.examplePlant, toolVersion: "test", shards: 2)
    for file in StoreFixtures.exampleCaptures {
      let point = CapturePointNames.name(of: file, in: loaded.plant, root: StoreFixtures.examplePlant)
      _ = try ingest.ingest(file: file, capturePoint: point)
    }
    let history = try store.history(root: StoreFixtures.examplePlant, modelCaptures: StoreFixtures.exampleCaptures)
    #expect(history.coveredFiles == Set(StoreFixtures.exampleCaptures), "every model capture is already held")
    #expect(history.records.count > 10)
    let stored = assessor.assess(loaded, history: history)

    #expect(stored.packetsRead == direct.packetsRead)
    #expect(stored.flowCount == direct.flowCount)
    #expect(stored.window == direct.window)
    func lines(_ result: AssessmentResult) -> [String] {
      result.findings.map { "\($0.fingerprint) \($0.severity) \($0.ruleID): \($0.message)" }.sorted()
    }
    let missing = Set(lines(direct)).subtracting(lines(stored)).sorted()
    let extra = Set(lines(stored)).subtracting(lines(direct)).sorted()
    #expect(
      missing.isEmpty && extra.isEmpty,
      "only direct:\n\(missing.joined(separator: "\n"))\nonly from the store:\n\(extra.joined(separator: "\n"))")
    #expect(stored.seenHosts.map(\.address) == direct.seenHosts.map(\.address))
    #expect(stored.seenHosts.map(\.vendor) == direct.seenHosts.map(\.vendor))
    #expect(stored.seenHosts.map(\.macs) == direct.seenHosts.map(\.macs))
  }
}
