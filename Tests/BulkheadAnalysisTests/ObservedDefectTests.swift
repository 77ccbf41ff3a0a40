import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// Two defects a new user met on the example plant (issue 22): attempts the firewalls dropped made no finding, and a
/// permit for addresses the model does not know was reported only by its unused counter.
@Suite struct ObservedDefectTests {
  static func assess(_ files: [String: String]) throws -> AssessmentResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bulkhead-defect-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (path, contents) in files { try Data(contents.utf8).write(to: directory.appendingPathComponent(path)) }
    let today = try #require(CalendarDate("2026-06-01"))
    return Assessor(today: today, toolVersion: "test").assess(
      try ModelLoader().load(path: directory.path, today: today))
  }

  @Test func droppedAttemptsIntoAHigherZoneAreOneLowVisibilityFindingPerSourceAndService() throws {
    let result = try Self.assess(
      ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.1.0.5", "10.3.0.10", port: 102, answered: false, packet: 5),
          ExamplePlant.flow("10.1.0.6", "10.3.0.10", port: 102, answered: false, packet: 9),
          ExamplePlant.flow("10.1.0.5", "10.3.0.10", port: 502, answered: false, packet: 12))))
    let dropped = result.findings.filter { $0.ruleID == "dropped-attempt" }
    #expect(dropped.count == 2)
    let s7 = try #require(dropped.first { $0.subject == "office->control tcp/102 dropped" })
    #expect(s7.category == .visibility && s7.severity == .low)
    #expect(s7.flows?.flows == 2 && s7.flows?.initiators.count == 2)
    #expect(s7.message.contains("2 attempts on tcp/102 from 2 hosts to 1 host were dropped by fw"))
    #expect(s7.evidence.contains { $0.kind == .firewallRule && $0.summary.contains("FORWARD") })
    // Dropped, never answered: not a bypass.
    #expect(!result.findings.contains { $0.ruleID == "observed-not-permitted" })
  }

  @Test func aPermitForAddressesTheModelDoesNotKnowSaysSo() throws {
    let result = try Self.assess(
      ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-dmz -s 10.1.0.5/32 -d 10.9.9.9/32 -p tcp -m tcp --dport 22 -j ACCEPT"
      ]))
    let stale = try #require(result.findings.first { $0.ruleID == "stale-rule" && $0.location.line == 8 })
    #expect(stale.message.contains("match nothing in the model (destination 10.9.9.9/32)"))
    #expect(stale.evidence.contains { $0.summary.contains("in no zone and of no asset of the model") })
  }

  @Test func aPermitForModelledAddressesIsStaleOnlyWhenUnused() throws {
    let result = try Self.assess(
      ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-dmz -s 10.1.0.5/32 -d 10.2.0.10/32 -p tcp -m tcp --dport 22 -j ACCEPT"
      ]))
    // No captures, no window: nothing says the rule is unused, and its addresses are the model's.
    #expect(!result.findings.contains { $0.ruleID == "stale-rule" && $0.location.line == 8 })
  }
}
