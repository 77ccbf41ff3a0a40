import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadDiscover

/// Issue 20 item 2: `bulkhead discover PLANT` against the real example model proposes exactly what the assessment
/// reports the model lacks (the unknown laptop, the undeclared flows), as a diff `patch` applies and the model loader
/// then validates, every original line and comment kept.
@Suite struct AmendmentTests {
  static let today = CalendarDate(year: 2026, month: 11, day: 27) ?? .today()

  /// A copy of the example plant in a fresh directory, its model edited by `edit` first.
  static func plant(_ edit: (String) -> String = { $0 }) throws -> String {
    let directory = try PatchApplier.temporaryDirectory()
    let copy = directory + "/riverside-water"
    try FileManager.default.copyItem(atPath: DiscoveryTests.example.path, toPath: copy)
    let model = copy + "/bulkhead.yaml"
    let text = try String(contentsOfFile: model, encoding: .utf8)
    try Data(edit(text).utf8).write(to: URL(fileURLWithPath: model))
    return copy
  }

  static func assess(_ directory: String) throws -> AssessmentResult {
    try Assessor(today: today, toolVersion: "test").assess(path: directory)
  }

  /// Applies the amendment's diff in `directory` and returns the patched model, loaded.
  static func apply(_ amendment: ModelAmendment, in directory: String) throws -> LoadedModel {
    let applied = try PatchApplier.apply(amendment.patch, in: directory)
    #expect(applied.status == 0, "\(applied.output)\n\(amendment.patch)")
    let patched = try String(contentsOfFile: directory + "/bulkhead.yaml", encoding: .utf8)
    #expect(patched == amendment.amendedText)
    return try ModelLoader().load(path: directory, today: today)
  }

  @Test func theExampleGetsTheLaptopAndTheUndeclaredFlowsAssessReports() throws {
    let directory = try Self.plant()
    defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
    let original = try String(contentsOfFile: directory + "/bulkhead.yaml", encoding: .utf8)
    let loaded = try ModelLoader().load(path: directory, today: Self.today)
    let amendment = Discovery().amend(loaded, today: Self.today, toolVersion: "test")
    let assessed = try Self.assess(directory)

    // Exactly the hosts unknown-asset reports, each an asset of the zone it names.
    let unknown = assessed.findings.filter { $0.ruleID == "unknown-asset" }
    #expect(amendment.newAssets.map(\.asset.addresses) == unknown.flatMap(\.hosts).map { [$0] })
    #expect(amendment.newAssets.map(\.asset.zone) == ["scada"])
    #expect(amendment.unzonedHosts.isEmpty)
    // Exactly the answered cross-zone traffic no conduit explains (the vendor's Modbus: a DMZ bypass, which may not
    // be declared, so it is a comment and no conduit).
    let undeclared = assessed.traffic.filter { $0.key.crossesZones && $0.answered && $0.key.conduit == nil }
    #expect(amendment.undeclaredFlows.map(\.traffic.key) == undeclared.map(\.key))
    #expect(amendment.undeclaredFlows.count == 1)
    #expect(amendment.undeclaredFlows.allSatisfy { $0.conduit == nil && $0.reason?.contains("BH312") == true })
    #expect(amendment.conduits.isEmpty)
    #expect(amendment.unseenAssets.map(\.subject) == ["asset hmi-2"])

    let patched = try Self.apply(amendment, in: directory)
    #expect(patched.isValid, "\(patched.diagnostics.filter { $0.severity == .error })")
    let laptop = try #require(patched.plant.asset(at: IPAddress("10.50.2.99") ?? IPAddress(v4: 0)))
    #expect(laptop.zone == "scada")
    // Every line of the original, comments included, is still there in order.
    var remaining = original.split(separator: "\n", omittingEmptySubsequences: false)[...]
    for line in amendment.amendedText.split(separator: "\n", omittingEmptySubsequences: false)
    where remaining.first == line {
      remaining = remaining.dropFirst()
    }
    #expect(remaining.isEmpty || remaining == [""], "original lines lost: \(remaining.prefix(3))")
    #expect(amendment.amendedText.contains("# bulkhead discover: hmi-2 (10.50.2.22) was not seen"))
    #expect(amendment.amendedText.contains("10.20.30.40 → 10.50.11.10"))
    // Each proposal names the findings it answers, by fingerprint.
    for finding in unknown { #expect(amendment.amendedText.contains("closes unknown-asset \(finding.fingerprint)")) }
    let bypass = try #require(assessed.findings.first { $0.ruleID == "dmz-bypass" })
    #expect(amendment.amendedText.contains("see dmz-bypass \(bypass.fingerprint)"))
    // Assessed again, the laptop is known.
    let again = try Self.assess(directory)
    #expect(!again.findings.contains { $0.ruleID == "unknown-asset" })
  }

  @Test func aMissingConduitIsProposedAndValidates() throws {
    // The example without its scada-safety conduit: the SCADA server's SIS polling becomes a shadow conduit.
    let directory = try Self.plant { text in
      guard let start = text.range(of: "  - id: scada-safety\n"),
        let end = text.range(of: "\n\n", range: start.upperBound..<text.endIndex)
      else { return text }
      return String(text[..<start.lowerBound]) + String(text[end.upperBound...])
    }
    defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
    let loaded = try ModelLoader().load(path: directory, today: Self.today)
    #expect(loaded.plant.conduit(id: "scada-safety") == nil)
    let before = try Self.assess(directory)
    #expect(before.findings.contains { $0.ruleID == "shadow-conduit" && $0.zones == ["scada", "safety"] })

    let amendment = Discovery().amend(loaded, today: Self.today, toolVersion: "test")
    let shadow = try #require(before.findings.first { $0.ruleID == "shadow-conduit" })
    let conduit = try #require(amendment.conduits.first)
    #expect(amendment.amendedText.contains("closes shadow-conduit \(shadow.fingerprint)"))
    #expect(amendment.conduits.count == 1)
    #expect(conduit.zones == ["scada", "safety"])
    #expect(conduit.owner == nil && conduit.justification == nil && conduit.reviewBy == nil)
    let flow = try #require(conduit.flows.first)
    #expect(conduit.flows.count == 1)
    #expect(flow.from.id == "scada-server" && flow.to.id == "sis-1")
    #expect(flow.services.map(\.name) == ["modbus"] && flow.operations == [.read])

    let patched = try Self.apply(amendment, in: directory)
    #expect(patched.isValid, "\(patched.diagnostics.filter { $0.severity == .error })")
    #expect(patched.plant.conduit(id: conduit.id)?.flows.count == 1)
    let after = try Self.assess(directory)
    #expect(!after.findings.contains { $0.ruleID == "shadow-conduit" })
  }
}
