import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// The example plant with vendor firewalls (Examples/riverside-vendors: a FortiGate at the IT/OT boundary, a PAN-OS
/// firewall inside, riverside-water's recording) must yield exactly its expected findings, each firewall finding
/// citing the vendor's own policy at its line.
@Suite struct VendorExamplePlantTests {
  static var plantDirectory: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/riverside-vendors").path
  }

  static func assess() throws -> AssessmentResult {
    let today = try #require(CalendarDate("2026-11-27"))
    return try Assessor(today: today, toolVersion: "test").assess(path: plantDirectory)
  }

  @Test func findsExactlyTheExpectedFindings() throws {
    let result = try Self.assess()
    let expected = try String(contentsOfFile: Self.plantDirectory + "/expected-findings.txt", encoding: .utf8)
    #expect(result.findings.map(FindingDigest.line).sorted() == FindingDigest.expected(fromFileText: expected))
  }

  /// Both vendors parse with nothing left unexplained: no warning or error on either configuration.
  @Test func bothConfigurationsAreReadWhole() throws {
    let result = try Self.assess()
    let problems = result.diagnostics.filter { $0.severity != .note && $0.location.file.contains("firewalls/") }
    #expect(problems.isEmpty, "\(problems)")
    #expect(result.inputs.filter { $0.kind == .firewall }.count == 2)
    // The dialects the configurations were read as, for the binder's enforcement-point table and assess's summary.
    #expect(result.enforcementPoints.map { $0.vendor?.name } == ["fortigate", "paloalto"])
    #expect(result.enforcementPoints.allSatisfy { $0.parsed && $0.defaultDeny && $0.uninterpretedLines == 0 })
  }

  /// The DMZ bypass is the FortiGate policy and the PAN-OS rule that carry the vendor's access, cited at their lines
  /// with their names, and the Modbus writes observed through them.
  @Test func theVendorPoliciesAreTheDMZBypass() throws {
    let result = try Self.assess()
    let bypass = try #require(result.findings.first { $0.ruleID == "dmz-bypass" })
    #expect(bypass.zones == ["enterprise", "filtration"])
    #expect(bypass.location.file.hasSuffix("fw-itot.conf"))
    let summaries = bypass.evidence.map(\.summary)
    #expect(summaries.contains { $0.contains("firewall policy 8") && $0.contains("ACME vendor support 2019") })
    #expect(summaries.contains { $0.contains("security rule ACME vendor support 2019 - temporary") })
    #expect(bypass.evidence.contains { $0.kind == .observedFlow && $0.summary.contains("write") })
    let anyAny = try #require(result.findings.first { $0.ruleID == "any-any" })
    #expect(anyAny.location.file.hasSuffix("fw-ot.xml"))
    #expect(anyAny.evidence.contains { $0.summary.contains("commissioning - TODO restrict") })
  }

  /// PAN-OS's implicit `intrazone-default` allow on a zone of one interface passes only packets that leave by the
  /// interface they came in by: it joins no two zones, so it is neither an any/any permit nor a stale one (it was
  /// both, once per zone, before `FirewallRuleFacts.hairpinOnly`).
  @Test func intrazoneDefaultOnOneInterfaceIsNoFinding() throws {
    let result = try Self.assess()
    let cited = result.findings.filter { finding in
      finding.evidence.contains { $0.summary.contains("intrazone-default") }
    }
    #expect(cited.isEmpty, "\(cited.map(FindingDigest.line))")
  }
}
