import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadStore

/// Drift against an accepted baseline, on the example plant's model and the hand-built captures in
/// Tests/Fixtures/drift: a second day with a new host, a first write on the read-only SIS conduit, an OPC UA
/// session without security, a firmware change and a first use of the scada-filtration conduit (whose PLC
/// 10.50.11.10 is then seen for the first time) gives exactly those findings; the same traffic a day later gives none; a store without a baseline gives none.
@Suite struct DriftTests {
  static let fixtures = StoreFixtures.packageRoot + "/Tests/Fixtures/drift"

  func store(_ second: String?, baseline: Bool = true) throws -> (ObservationStore, String) {
    let directory = try StoreFixtures.scratch("drift")
    let store = try ObservationStore(path: directory + "/observations.sqlite")
    let ingest = CaptureIngest(store: store, root: StoreFixtures.examplePlant, toolVersion: "test")
    _ = try ingest.ingest(file: Self.fixtures + "/baseline.pcap", capturePoint: "fw-ot/scada0")
    if baseline { _ = try store.acceptBaseline(by: "test", reason: "commissioning", now: 1_795_700_000) }
    if let second { _ = try ingest.ingest(file: Self.fixtures + "/" + second, capturePoint: "fw-ot/scada0") }
    return (store, directory)
  }

  func drift(_ store: ObservationStore) throws -> [Finding] {
    let loaded = try StoreFixtures.loadExample()
    guard let baseline = try store.currentBaseline() else { return [] }
    return try DriftDetector(plant: loaded.plant, root: StoreFixtures.examplePlant).findings(
      store: store, baseline: baseline)
  }

  @Test func aDriftedDayGivesEachChangeOnce() throws {
    let (store, directory) = try store("drifted.pcap")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let findings = try drift(store)
    let summary = findings.map { "\($0.ruleID) \($0.severity) \($0.subject)" }.sorted()
    #expect(
      summary == [
        "drift-conduit-first-use low scada-filtration#0",
        "drift-identity-change medium 10.50.13.10/modbus-43/14",
        "drift-new-host low 10.50.11.10",
        "drift-new-host medium 10.50.2.77",
        "drift-new-operation high 10.50.2.10>10.50.13.10/6/502/write",
        "drift-security-downgrade high 172.16.10.10>10.50.2.10/6/4840/opcua",
      ], "\(findings.map(\.message).joined(separator: "\n"))")
    #expect(findings.allSatisfy { $0.category == .drift })
    let write = try #require(findings.first { $0.ruleID == "drift-new-operation" })
    #expect(write.message.contains("conduit scada-safety allows only read"))
    #expect(write.message.contains("2026-11-27T08:00:00Z"))
    #expect(write.location.file.hasSuffix("drifted.pcap"))
    let downgrade = try #require(findings.first { $0.ruleID == "drift-security-downgrade" })
    #expect(downgrade.message.contains("ran with None where it ran with SignAndEncrypt"))
    let identity = try #require(findings.first { $0.ruleID == "drift-identity-change" })
    #expect(identity.message.contains("firmware 2.2.0") && identity.message.contains("firmware 2.1.0"))
    let host = try #require(findings.first { $0.ruleID == "drift-new-host" })
    #expect(host.zones == ["scada"])

    // The assessment over the store carries them, ranked after visibility and before documentation.
    let loaded = try StoreFixtures.loadExample()
    var history = try store.history(root: StoreFixtures.examplePlant)
    history.findings = findings
    let result = Assessor(today: CalendarDate("2026-11-27") ?? .epoch, toolVersion: "test").assess(
      loaded, history: history)
    let categories = result.findings.map(\.category)
    #expect(categories == categories.sorted())
    #expect(result.findings.filter { $0.category == .drift }.count == findings.count)
  }

  @Test func theSameTrafficADayLaterIsNoDrift() throws {
    let (store, directory) = try store("quiet.pcap")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(try store.flows().count == 2)
    #expect(try drift(store).map(\.message) == [])
  }

  @Test func withoutABaselineThereIsNoDrift() throws {
    let (store, directory) = try store("drifted.pcap", baseline: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(try store.currentBaseline() == nil)
    #expect(try drift(store).isEmpty)
  }
}
