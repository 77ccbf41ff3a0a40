import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// The recorded example plant (Examples/riverside-water, made by Testbed/plant.sh) must yield exactly the planted
/// gaps of its TOPOLOGY.md, each at its place, and nothing else.
@Suite struct ExamplePlantAssessmentTests {
  static var plantDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/riverside-water").path
  }

  static func assess() throws -> AssessmentResult {
    let today = try #require(CalendarDate("2026-11-27"))
    return try Assessor(today: today, toolVersion: "test").assess(path: plantDirectory)
  }

  @Test func findsExactlyThePlantedGaps() throws {
    let result = try Self.assess()
    let expected = try String(
      contentsOfFile: Self.plantDirectory + "/expected-findings.txt", encoding: .utf8)
    #expect(result.findings.map(FindingDigest.line).sorted() == FindingDigest.expected(fromFileText: expected))
  }

  @Test func theVendorRuleIsTheDMZBypassWithItsModbusWrites() throws {
    let result = try Self.assess()
    let bypass = try #require(result.findings.first { $0.ruleID == "dmz-bypass" })
    #expect(bypass.severity == .critical)
    #expect(bypass.zones == ["enterprise", "filtration"])
    #expect(bypass.evidence.contains { $0.summary.contains("ACME vendor support 2019") })
    #expect(bypass.evidence.contains { $0.kind == .observedFlow && $0.summary.contains("write") })
    #expect(result.fixFirst.first?.ruleID == "dmz-bypass")
  }

  @Test func everyInputIsListedWithItsDigest() throws {
    let result = try Self.assess()
    #expect(result.inputs.filter { $0.kind == .capture }.count == 6)
    #expect(result.inputs.filter { $0.kind == .firewall }.count == 2)
    #expect(result.inputs.allSatisfy { $0.sha256.count == 64 })
    #expect(result.window != nil)
  }
}
