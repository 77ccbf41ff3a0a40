import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// Issue 23 row 9: a model that repeats an asset id gets BH201, and each gap is still one finding.
@Suite struct DuplicateIDTests {
  @Test func aRepeatedAssetIDNeverDuplicatesAFinding() throws {
    let directory = ExamplePlantAssessmentTests.plantDirectory
    let file = directory + "/bulkhead.yaml"
    var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
    let hmi = try #require(lines.firstIndex { $0.contains("{id: hmi-2,") })
    lines.insert(lines[hmi], at: hmi + 1)
    lines.insert(lines[hmi], at: hmi + 1)
    let today = try #require(CalendarDate("2026-11-27"))
    let loaded = ModelLoader().load(
      yaml: lines.joined(separator: "\n"), file: file, baseDirectory: directory, today: today)
    #expect(loaded.diagnostics.contains { $0.code == "BH201" })
    let result = Assessor(today: today, toolVersion: "test").assess(loaded)
    let fingerprints = result.findings.map(\.fingerprint)
    #expect(Set(fingerprints).count == fingerprints.count)
    #expect(result.findings.contains { $0.message.contains("hmi-2") || $0.subject.contains("hmi-2") })
  }
}
