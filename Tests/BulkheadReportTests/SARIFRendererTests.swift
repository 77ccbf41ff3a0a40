import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

@Suite struct SARIFRendererTests {
  static let rule = RuleDescription(
    id: "dmz-bypass", title: "Enterprise reaches control without crossing the DMZ", severity: .critical,
    category: .segmentation, rationale: "A path from Purdue 4 to 1 skips the OT DMZ.",
    remediation: "Remove the rule; broker the data through the DMZ.",
    requirements: [.networkSegmentation, .zoneBoundaryProtection])

  static let finding = Finding(
    ruleID: "dmz-bypass", severity: .critical, category: .segmentation,
    message: "enterprise reaches filtration on tcp/502",
    location: SourceLocation(file: "firewalls/fw-itot.iptables-save", line: 14),
    evidence: [
      Evidence(.model, "zone enterprise", at: SourceLocation(file: "bulkhead.yaml", line: 5, column: 5)),
      Evidence(.observedFlow, "Modbus write", at: SourceLocation(file: "captures/enterprise.pcap", line: 42)),
    ],
    zones: ["enterprise", "filtration"], blastRadius: 12, subject: "enterprise->filtration")

  @Test func logValidatesAgainstTheSARIFSchema() throws {
    let text = try SARIFRenderer(toolVersion: "0.1.0").render(findings: [Self.finding], rules: [Self.rule])
    try SchemaCheck.validate(json: text, schema: SchemaCheck.schema("sarif-schema-2.1.0.json"))
  }

  @Test func resultsPointAtTheRuleLineAndOmitPacketRegions() throws {
    let text = try SARIFRenderer(toolVersion: "0.1.0").render(findings: [Self.finding], rules: [Self.rule])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let runs = try #require(json["runs"] as? [[String: Any]])
    let result = try #require((runs.first?["results"] as? [[String: Any]])?.first)
    #expect(result["ruleId"] as? String == "dmz-bypass")
    #expect(result["level"] as? String == "error")
    let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 14)
    let related = try #require(result["relatedLocations"] as? [[String: Any]])
    #expect(related.count == 2)
    let packet = try #require(related.last?["physicalLocation"] as? [String: Any])
    #expect(packet["region"] == nil)
  }

  @Test func renderingIsDeterministic() throws {
    let renderer = SARIFRenderer(toolVersion: "0.1.0")
    #expect(
      try renderer.render(findings: [Self.finding], rules: [Self.rule])
        == renderer.render(findings: [Self.finding], rules: [Self.rule]))
  }
}

@Suite struct ExamplePlantSARIFTests {
  @Test func theExamplePlantsLogValidates() throws {
    let directory = SchemaCheck.packageRoot.appendingPathComponent("Examples/riverside-water").path
    let result = try Assessor(today: #require(CalendarDate("2026-11-27")), toolVersion: "test").assess(path: directory)
    let text = try SARIFRenderer(toolVersion: "test").render(findings: result.findings, rules: result.rules)
    try SchemaCheck.validate(json: text, schema: SchemaCheck.schema("sarif-schema-2.1.0.json"))
    #expect(text.contains("\"ruleId\" : \"dmz-bypass\""))
  }
}
