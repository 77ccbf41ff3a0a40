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

  /// (rule, file name and line) of every expected finding.
  static let planted: [String] = [
    "any-any fw-ot.json",
    "dmz-bypass fw-itot.iptables-save:18",
    "protocol-violation ot-dmz.pcap",
    "shadowed-rule fw-itot.iptables-save:13",
    "silent-asset bulkhead.yaml:99:5",
    "sl-gap bulkhead.yaml:39:16",
    "sl-gap bulkhead.yaml:46:16",
    "sl-gap bulkhead.yaml:52:16",
    "sl-gap bulkhead.yaml:58:16",
    "sl-gap bulkhead.yaml:65:16",
    "stale-rule bulkhead.yaml:178:16",
    "stale-rule fw-itot.iptables-save:11",
    "unauthenticated-cross-zone dosing.pcap",
    "unauthenticated-cross-zone enterprise.pcap",
    "unauthenticated-cross-zone filtration.pcap",
    "unauthenticated-cross-zone ot-dmz.pcap",
    "unauthenticated-cross-zone safety.pcap",
    "undeclared-permit fw-itot.iptables-save:11",
    "undeclared-permit fw-ot.json",
    "unknown-asset ot-dmz.pcap",
  ]

  @Test func findsExactlyThePlantedGaps() throws {
    let result = try Self.assess()
    let found = result.findings.map { finding -> String in
      let name = finding.location.file.split(separator: "/").last.map(String.init) ?? finding.location.file
      // Capture locations carry packet numbers, which a re-recording changes; compare the file only.
      let isCapture = name.hasSuffix(".pcap")
      let place =
        isCapture || finding.location.line == 0
        ? name : "\(name):\(finding.location.description.split(separator: ":").dropFirst().joined(separator: ":"))"
      return "\(finding.ruleID) \(place)"
    }.sorted()
    #expect(found == Self.planted)
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
