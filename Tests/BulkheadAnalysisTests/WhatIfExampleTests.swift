import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// Issue 20 item 3 on the example plant: the two firewall changes its team keeps asking about, each derived from the
/// committed fw-itot export by deleting one rule line (so the test follows a re-recording).
@Suite struct WhatIfExampleTests {
  /// The day the example was recorded (its review dates are judged on it, as in ExamplePlantAssessmentTests).
  static let today = CalendarDate(year: 2026, month: 11, day: 27) ?? .today()

  /// The example's fw-itot export without the lines containing `marker` (exactly one), in a fresh directory.
  static func fwItot(without marker: String) throws -> (path: String, directory: String) {
    let original = ExamplePlantAssessmentTests.plantDirectory + "/firewalls/fw-itot.iptables-save"
    let lines = try String(contentsOfFile: original, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let kept = lines.filter { !$0.contains(marker) }
    #expect(kept.count == lines.count - 1, "exactly one line of fw-itot holds \(marker)")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/fw-itot.iptables-save"
    try Data(kept.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    return (path, directory)
  }

  static func compare(without marker: String) throws -> (result: WhatIfResult, today: AssessmentResult) {
    let (path, directory) = try fwItot(without: marker)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let loaded = try ModelLoader().load(path: ExamplePlantAssessmentTests.plantDirectory, today: today)
    let result = try WhatIfAnalyzer(today: today, toolVersion: "test").compare(
      loaded, proposing: [ProposedConfig(enforcementPoint: "fw-itot", path: path)])
    return (result, Assessor(today: today, toolVersion: "test").assess(loaded))
  }

  @Test func removingTheVendorRuleClosesTheBypassAndDropsOnlyTheVendorsModbus() throws {
    let (result, today) = try Self.compare(without: "ACME vendor support 2019")
    #expect(result.closedFindings.contains { $0.ruleID == "dmz-bypass" })
    #expect(!result.openedFindings.contains { $0.ruleID == "dmz-bypass" })
    #expect(result.brokenConduits.isEmpty)
    #expect(result.brokenConduitFlows.isEmpty)
    // Exactly the vendor PC's Modbus flows today's assessment observed, every one of them.
    let vendor = try #require(IPAddress("10.20.30.40"))
    let observed = today.traffic.filter { $0.flows.initiators == [vendor] && $0.key.application == "modbus" }
    #expect(!observed.isEmpty)
    let dropped = result.droppedFlows
    #expect(!dropped.isEmpty)
    #expect(dropped.allSatisfy { $0.flows.initiators == [vendor] && $0.key.application == "modbus" })
    #expect(dropped.allSatisfy { $0.key.conduit == nil && $0.key.responderZone == "filtration" })
    #expect(dropped.reduce(0) { $0 + $1.flows.flows } == observed.reduce(0) { $0 + $1.flows.flows })
    #expect(result.flowChanges.count == dropped.count)
    #expect(dropped.contains { $0.key.carried(.write) })
    #expect(dropped.allSatisfy { $0.rulesBefore.contains { $0.text.contains("ACME vendor support 2019") } })
    // The packet space: enterprise → filtration loses tcp/502, the witness decided by the vendor rule today.
    let pair = try #require(result.zonePairs.first { $0.from == "enterprise" && $0.to == "filtration" })
    #expect(pair.newlyAllowed.isEmpty)
    let line = try #require(pair.newlyDenied.first)
    #expect(pair.newlyDenied.count == 1 && line.service == "tcp/502")
    #expect(line.rulesBefore.contains { $0.text.contains("ACME vendor support 2019") })
    #expect(line.rulesAfter.contains { $0.firewall == "fw-itot" && $0.text.contains("-j DROP") })
    #expect(result.zonePairs.allSatisfy { $0.newlyAllowed.isEmpty })
    #expect(WhatIfGate(result, failOn: .high).verdict == .passed)
  }

  @Test func deletingTheHistoriansOPCUAAcceptBreaksHistorianCollect() throws {
    let (result, _) = try Self.compare(without: "--dport 4840")
    #expect(result.brokenConduits == ["historian-collect"])
    let change = try #require(result.brokenConduitFlows.first)
    #expect(result.brokenConduitFlows.count == 1)
    #expect(change.before.coverage == .allowed && change.after.coverage == .blocked)
    #expect(change.after.blockingRules.contains { $0.firewall == "fw-itot" })
    let dropped = result.droppedFlows
    #expect(!dropped.isEmpty && dropped.allSatisfy { $0.key.conduit == "historian-collect" })
    #expect(dropped.allSatisfy { $0.key.service.description == "tcp/4840" })
    #expect(result.openedFindings.contains { $0.ruleID == "declared-but-blocked" })
    let pair = try #require(result.zonePairs.first { $0.from == "ot-dmz" && $0.to == "scada" })
    #expect(pair.newlyDenied.map(\.service) == ["tcp/4840"])
    let gate = WhatIfGate(result, failOn: .high)
    #expect(gate.verdict == .failed)
    #expect(gate.brokenConduits == ["historian-collect"])
  }

  @Test func proposingTodaysConfigChangesNothing() throws {
    let loaded = try ModelLoader().load(path: ExamplePlantAssessmentTests.plantDirectory, today: Self.today)
    let path = ExamplePlantAssessmentTests.plantDirectory + "/firewalls/fw-ot.json"
    let result = try WhatIfAnalyzer(today: Self.today, toolVersion: "test").compare(
      loaded, proposing: [ProposedConfig(enforcementPoint: "fw-ot", path: path)])
    #expect(result.zonePairs.isEmpty && result.flowChanges.isEmpty && result.conduitChanges.isEmpty)
    #expect(result.closedFindings.isEmpty && result.openedFindings.isEmpty)
    #expect(result.unchangedFindings > 0 && result.flowCount > 0)
  }

  @Test func aProposedConfigThatDoesNotParseLeavesTheGateIncomplete() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/fw-itot.rules"
    try Data("this is not a firewall\n".utf8).write(to: URL(fileURLWithPath: path))
    let loaded = try ModelLoader().load(path: ExamplePlantAssessmentTests.plantDirectory, today: Self.today)
    let result = try WhatIfAnalyzer(today: Self.today, toolVersion: "test").compare(
      loaded, proposing: [ProposedConfig(enforcementPoint: "fw-itot", path: path)])
    // The parser's refusal is reported with the file; nothing through fw-itot is vouched for, nothing guessed.
    #expect(result.diagnostics.contains { $0.severity == .error && $0.location.file == path })
    #expect(result.conduitChanges.allSatisfy { $0.after.coverage == .unknown })
    #expect(!result.conduitChanges.isEmpty && result.droppedFlows.isEmpty)
    #expect(result.flowChanges.allSatisfy { $0.verdictAfter == .unknown })
    #expect(WhatIfGate(result, failOn: .high).verdict == .incomplete)
  }

  @Test func theObservationStoreIsReplayedWithItsCounts() throws {
    // A store row standing for 7 vendor Modbus connections over the week, and every capture already held by it
    // (so only the store is read): removing the vendor rule drops those 7.
    let (path, directory) = try Self.fwItot(without: "ACME vendor support 2019")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let loaded = try ModelLoader().load(path: ExamplePlantAssessmentTests.plantDirectory, today: Self.today)
    let vendor = try #require(IPAddress("10.20.30.40"))
    let plc = try #require(IPAddress("10.50.11.10"))
    let row = ObservationRecord(
      FlowObservation(
        initiator: vendor, initiatorPort: 50000, responder: plc, responderPort: 502, transport: .tcp, packets: 70,
        firstSeen: 1_790_000_000, lastSeen: 1_790_600_000, application: "modbus", operations: ["write": 14]),
      seenAt: SourceLocation(file: "store"), flows: 7)
    let history = RecordedHistory(
      records: [row], coveredFiles: Set(Assessor.captureFiles(of: loaded.plant)), packets: 70)
    let result = try WhatIfAnalyzer(today: Self.today, toolVersion: "test").compare(
      loaded, proposing: [ProposedConfig(enforcementPoint: "fw-itot", path: path)], history: history)
    #expect(result.flowCount == 7)
    let dropped = try #require(result.droppedFlows.first)
    #expect(result.droppedFlows.count == 1 && dropped.flows.flows == 7 && dropped.flows.answeredFlows == 7)
    #expect(dropped.flows.lastSeen == 1_790_600_000 && dropped.key.carried(.write))
    #expect(result.closedFindings.contains { $0.ruleID == "dmz-bypass" })
  }

  @Test func aProposalNamingNoEnforcementPointIsRefused() throws {
    let loaded = try ModelLoader().load(path: ExamplePlantAssessmentTests.plantDirectory, today: Self.today)
    let analyzer = WhatIfAnalyzer(today: Self.today, toolVersion: "test")
    #expect(throws: WhatIfError.unknownEnforcementPoint("fw-nope", known: ["fw-itot", "fw-ot"])) {
      try analyzer.compare(loaded, proposing: [ProposedConfig(enforcementPoint: "fw-nope", path: "/dev/null")])
    }
    #expect(throws: WhatIfError.nothingProposed) { try analyzer.compare(loaded, proposing: []) }
    #expect(throws: WhatIfError.unreadableConfig(path: "/nonexistent/fw", reason: "cannot read the proposed config")) {
      try analyzer.compare(loaded, proposing: [ProposedConfig(enforcementPoint: "fw-ot", path: "/nonexistent/fw")])
    }
    #expect(
      ProposedConfig(argument: "fw-itot=a=b.rules") == ProposedConfig(enforcementPoint: "fw-itot", path: "a=b.rules"))
    #expect(ProposedConfig(argument: "fw-itot") == nil && ProposedConfig(argument: "=x") == nil)
  }
}
