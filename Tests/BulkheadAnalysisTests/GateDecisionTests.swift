import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

@Suite struct GateDecisionTests {
  static let high = Finding(
    ruleID: "any-any", severity: .high, category: .segmentation, message: "m",
    location: SourceLocation(file: "fw", line: 3), subject: "rule fw x")
  static let low = Finding(
    ruleID: "stale-rule", severity: .low, category: .segmentation, message: "m",
    location: SourceLocation(file: "fw", line: 4), subject: "rule fw y")
  static let today = CalendarDate(year: 2026, month: 11, day: 27) ?? .epoch

  static func acceptance(_ finding: Finding, expires: String, rule: String? = nil) -> AcceptedFinding {
    AcceptedFinding(
      fingerprint: finding.fingerprint, rule: rule, justification: "j", owner: "o",
      expires: CalendarDate(expires) ?? .epoch, location: SourceLocation(file: "accepted.yaml", line: 2))
  }

  @Test func unacceptedFindingAtThresholdBlocks() {
    let decision = GateDecision(findings: [Self.high, Self.low], failOn: .high, acceptances: [], today: Self.today)
    #expect(!decision.passes)
    #expect(decision.blocking == [Self.high])
  }

  @Test func acceptanceLetsItPassUntilItExpires() {
    let valid = GateDecision(
      findings: [Self.high], failOn: .high, acceptances: [Self.acceptance(Self.high, expires: "2027-01-01")],
      today: Self.today)
    #expect(valid.passes)
    let expired = GateDecision(
      findings: [Self.high], failOn: .high, acceptances: [Self.acceptance(Self.high, expires: "2026-11-26")],
      today: Self.today)
    #expect(!expired.passes)
    #expect(expired.expired.count == 1)
  }

  @Test func acceptanceNamingTheWrongRuleIsAnError() {
    let decision = GateDecision(
      findings: [Self.high], failOn: .high,
      acceptances: [Self.acceptance(Self.high, expires: "2027-01-01", rule: "dmz-bypass")], today: Self.today)
    #expect(!decision.passes)
    #expect(decision.diagnostics.map(\.code) == ["BH806"])
  }

  @Test func fileEntriesWithoutOwnerAreRefusedWithTheirLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("accepted-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: path) }
    try Data(
      """
      accepted:
        - fingerprint: 0011223344556677
          justification: vendor support until March
          owner: ot-engineering
          expires: 2027-03-31
        - fingerprint: 8899aabbccddeeff
          justification: nobody owns this
          expires: 2027-03-31
      """.utf8
    ).write(to: path)
    let read = AcceptedFindingsFile.read(path: path.path)
    #expect(read.accepted.map(\.fingerprint) == ["0011223344556677"])
    #expect(read.diagnostics.map { "\($0.code) \($0.location.line)" } == ["BH804 6"])
  }

  @Test func fingerprintIgnoresWording() {
    var reworded = Self.high
    reworded.message = "different words"
    reworded.location = SourceLocation(file: "fw", line: 30)
    #expect(reworded.fingerprint == Self.high.fingerprint)
  }
}

/// Issue 23: the gate fails closed and the accepted-findings file never ignores what it does not understand.
@Suite struct GateFailsClosedTests {
  @Test func anErrorInTheInputsIsIncompleteNotPassed() {
    let error = Diagnostic(.error, code: "BH401", "cannot read file", at: SourceLocation(file: "fw.rules"))
    let warning = Diagnostic(.warning, code: "BH410", "not modeled", at: SourceLocation(file: "fw.rules", line: 3))
    let clean = GateDecision(
      findings: [], failOn: .high, acceptances: [], inputDiagnostics: [warning], today: GateDecisionTests.today)
    #expect(clean.verdict == .passed)
    let broken = GateDecision(
      findings: [GateDecisionTests.high], failOn: .high, acceptances: [], inputDiagnostics: [error, warning],
      today: GateDecisionTests.today)
    #expect(broken.verdict == .incomplete)
    #expect(broken.inputErrors == [error])
  }

  @Test func aRuleMismatchAcceptsNothing() {
    let decision = GateDecision(
      findings: [GateDecisionTests.high], failOn: .high,
      acceptances: [GateDecisionTests.acceptance(GateDecisionTests.high, expires: "2027-01-01", rule: "dmz-bypass")],
      today: GateDecisionTests.today)
    #expect(decision.accepted.isEmpty)
    #expect(decision.blocking == [GateDecisionTests.high])
    #expect(decision.unused.isEmpty)
  }

  @Test func misspeltKeysAreWarningsWithTheirLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("accepted-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: path) }
    try Data(
      """
      accepted:
        - fingerprint: 0011223344556677
          justification: vendor support until March
          owner: ot-engineering
          expires: 2027-03-31
          expirse: 2026-01-01
      acepted: []
      """.utf8
    ).write(to: path)
    let read = AcceptedFindingsFile.read(path: path.path)
    #expect(read.accepted.count == 1)
    #expect(
      read.diagnostics.map { "\($0.severity) \($0.code) \($0.location.line)" }.sorted() == [
        "warning BH807 6", "warning BH807 7",
      ])
  }

  @Test func aFIFOIsRefusedAtOnce() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("accepted-\(UUID().uuidString).fifo").path
    guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let read = AcceptedFindingsFile.read(path: path)
    #expect(read.diagnostics.map(\.code) == ["BH801"])
    #expect(read.diagnostics.first?.message.contains("FIFO") == true)
  }
}
