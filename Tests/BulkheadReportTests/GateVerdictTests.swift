import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

/// The gate's verdict line names its cause, and the SARIF log carries the inputs' errors (issue 23, rows 1 and 10).
@Suite struct GateVerdictTests {
  static let today = CalendarDate(year: 2026, month: 11, day: 27) ?? .epoch
  static let high = Finding(
    ruleID: "any-any", severity: .high, category: .segmentation, message: "m",
    location: SourceLocation(file: "fw", line: 3), subject: "rule fw x")
  static let yamlError = Diagnostic(
    .error, code: "BH002", "YAML syntax error", at: SourceLocation(file: "bulkhead.yaml", line: 2, column: 1))

  @Test func aRuleMismatchIsNotReportedAsZeroUnacceptedFindings() {
    let acceptance = AcceptedFinding(
      fingerprint: Self.high.fingerprint, rule: "dmz-bypass", justification: "j", owner: "o",
      expires: CalendarDate(year: 2027, month: 1, day: 1) ?? .epoch,
      location: SourceLocation(file: "accepted.yaml", line: 2))
    let decision = GateDecision(findings: [Self.high], failOn: .high, acceptances: [acceptance], today: Self.today)
    let text = GateVerdictRenderer().render(decision, failOn: .high)
    #expect(!text.contains("check failed: 0 unaccepted finding(s)"))
    #expect(text.contains("1 error(s) in the accepted-findings file"))
    #expect(text.contains("1 unaccepted finding(s) at or above high"))
  }

  @Test func incompleteInputsFailClosedEvenWithoutFindings() {
    let decision = GateDecision(
      findings: [], failOn: .high, acceptances: [], inputDiagnostics: [Self.yamlError], today: Self.today)
    #expect(decision.verdict == .incomplete)
    let line = GateVerdictRenderer().render(decision, failOn: .high)
    #expect(!line.contains("check passed"))
    #expect(line.contains("inputs incomplete: 1 error(s) in the model"))
  }

  @Test func sarifCarriesInputErrorsAsResults() throws {
    let warning = Diagnostic(.warning, code: "BH410", "not modeled", at: SourceLocation(file: "fw", line: 9))
    let text = try SARIFRenderer(toolVersion: "0.1.0").render(
      findings: [], rules: [], diagnostics: [Self.yamlError, Self.yamlError, warning])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let run = try #require((json["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.map { $0["ruleId"] as? String } == ["BH002"])
    #expect((results.first?["message"] as? [String: Any])?["text"] as? String == "YAML syntax error (2 times)")
    let rules = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect((rules["rules"] as? [[String: Any]])?.map { $0["id"] as? String } == ["BH002"])
    try SchemaCheck.validate(json: text, schema: SchemaCheck.schema("sarif-schema-2.1.0.json"))
  }
}
