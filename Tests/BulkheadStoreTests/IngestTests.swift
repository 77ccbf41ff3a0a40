import BulkheadModel
import Foundation
import Testing

@testable import BulkheadStore

/// Ingest keeps what the captures showed, once: totals equal the flow table's, a second ingest of the same file
/// changes nothing, and the store is consistent.
@Suite struct IngestTests {
  @Test func ingestingTheExamplePlantKeepsEveryFlowOnce() throws {
    let directory = try StoreFixtures.scratch("ingest")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let loaded = try StoreFixtures.loadExample()
    let store = try ObservationStore(path: directory + "/observations.sqlite")
    let ingest = CaptureIngest(store: store, root: StoreFixtures.examplePlant, toolVersion: "test", shards: 2)
    var expected = StoreTotals()
    for file in StoreFixtures.exampleCaptures {
      let point = CapturePointNames.name(of: file, in: loaded.plant, root: StoreFixtures.examplePlant)
      let (outcome, _) = try ingest.ingest(file: file, capturePoint: point)
      guard case .ingested(let record) = outcome else {
        Issue.record("\(file) not ingested: \(outcome)")
        continue
      }
      #expect(record.path.hasPrefix("captures/"))
      #expect(point.hasPrefix("fw-"))
      expected.flows += record.flows
      expected.packets += record.flowPackets
      expected.bytes += record.flowBytes
    }
    #expect(expected.flows > 0)
    #expect(try store.totals() == expected)
    #expect(try store.consistencyProblems() == [])
    let rows = try store.flowRows()
    let before = try StoreDump.text(store)

    // The same files again: every one skipped, nothing changed.
    for file in StoreFixtures.exampleCaptures {
      let (outcome, _) = try ingest.ingest(file: file, capturePoint: "elsewhere")
      guard case .skipped = outcome else {
        Issue.record("\(file) taken in twice: \(outcome)")
        continue
      }
    }
    #expect(try store.flowRows() == rows)
    #expect(try StoreDump.text(store) == before)
    #expect(try store.ingestedFiles().count == StoreFixtures.exampleCaptures.count)
  }

  @Test func aFileThatIsNoCaptureWritesNothing() throws {
    let directory = try StoreFixtures.scratch("ingest-bad")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let bogus = directory + "/notes.pcap"
    try Data("not a capture at all".utf8).write(to: URL(fileURLWithPath: bogus))
    let store = try ObservationStore(path: directory + "/observations.sqlite")
    let (outcome, diagnostics) = try CaptureIngest(store: store, root: directory, toolVersion: "test")
      .ingest(file: bogus, capturePoint: "span")
    guard case .failed = outcome else {
      Issue.record("a file that is not a capture was taken in: \(outcome)")
      return
    }
    #expect(diagnostics.contains { $0.code == "BH501" })
    #expect(try store.ingestedFiles().isEmpty)
    #expect(try store.totals() == StoreTotals())
  }

  @Test func overlappingCapturePointsCountTheSameTrafficOnce() throws {
    // The same file under two capture point names stands for two SPANs that saw the same traffic: stored twice
    // (it is two observations), read back once.
    let directory = try StoreFixtures.scratch("overlap")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try ObservationStore(path: directory + "/observations.sqlite")
    let file = try #require(StoreFixtures.exampleCaptures.first)
    let copy = directory + "/copy.pcap"
    var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
    let single = try ObservationStore(path: directory + "/single.sqlite")
    _ = try CaptureIngest(store: single, root: directory, toolVersion: "test").ingest(file: file, capturePoint: "a")
    // A different digest for the copy: pcap ignores bytes after the last record only when they form no record,
    // so change the header's (unused) sigfigs field instead.
    bytes[12] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: copy))
    let ingest = CaptureIngest(store: store, root: directory, toolVersion: "test")
    _ = try ingest.ingest(file: file, capturePoint: "a")
    _ = try ingest.ingest(file: copy, capturePoint: "b")
    let once = try single.flows()
    let twice = try store.flows()
    #expect(twice.map(\.key) == once.map(\.key))
    #expect(twice.map(\.counts.flows) == once.map(\.counts.flows))
    #expect(twice.map(\.counts.packets) == once.map(\.counts.packets))
    #expect(twice.allSatisfy { $0.capturePoints == ["a", "b"] })
  }
}
