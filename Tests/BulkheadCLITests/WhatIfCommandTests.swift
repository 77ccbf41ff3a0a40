import Foundation
import Testing

/// `bulkhead whatif` and `bulkhead check --whatif` on the example plant (issue 20 item 3): the gate fails on a change
/// that breaks a declared conduit and passes the removal of the 2019 vendor rule.
@Suite struct WhatIfCommandTests {
  /// The example's fw-itot export without its one line containing `marker`, in `directory`.
  static func fwItot(without marker: String, in directory: String) throws -> String {
    let original = ValidateCommandTests.packageRoot + "/Examples/riverside-water/firewalls/fw-itot.iptables-save"
    let lines = try String(contentsOfFile: original, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    let kept = lines.filter { !$0.contains(marker) }
    #expect(kept.count == lines.count - 1)
    let path = directory + "/fw-itot.iptables-save"
    try Data(kept.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func theGateFailsWhenTheHistoriansAcceptGoes() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let proposed = try Self.fwItot(without: "--dport 4840", in: directory)
    let run = try CommandRunner.run(
      ["check", "Examples/riverside-water", "--today", "2026-11-27", "--whatif", "fw-itot=\(proposed)"])
    #expect(run.status == 1, "\(run.err)")
    #expect(run.err.contains("breaks conduit historian-collect"))
    #expect(run.err.contains("check failed"))
    #expect(run.out.contains("Conduits broken (1)"))
  }

  @Test func theGatePassesTheVendorRulesRemoval() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let proposed = try Self.fwItot(without: "ACME vendor support 2019", in: directory)
    let check = try CommandRunner.run(
      ["check", "Examples/riverside-water", "--today", "2026-11-27", "--whatif", "fw-itot=\(proposed)"])
    #expect(check.status == 0, "\(check.err)")
    #expect(check.err.contains("check passed"))
    let json = try CommandRunner.run(
      [
        "whatif", "Examples/riverside-water", "--today", "2026-11-27", "--config", "fw-itot=\(proposed)", "--format",
        "json",
      ])
    #expect(json.status == 0, "\(json.err)")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    let closed = try #require(document["closedFindings"] as? [[String: Any]])
    #expect(closed.contains { $0["ruleID"] as? String == "dmz-bypass" })
    #expect((document["brokenConduits"] as? [String]) == [])
  }

  @Test func anUnknownEnforcementPointIsExitTwo() throws {
    let run = try CommandRunner.run(["whatif", "Examples/riverside-water", "--config", "fw-nope=/dev/null"])
    #expect(run.status == 2)
    #expect(run.err.contains("no enforcement point 'fw-nope'"))
    let malformed = try CommandRunner.run(["whatif", "Examples/riverside-water", "--config", "fw-itot"])
    #expect(malformed.status == 2)
  }
}

/// `--git-ref` / `--whatif-ref`: the configs committed at a revision are today, the working tree's are proposed.
@Suite struct WhatIfGitRefTests {
  /// Runs git in `directory`, expecting success.
  static func git(_ arguments: [String], in directory: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-c", "user.name=bulkhead test", "-c", "user.email=test@example.invalid"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments)")
  }

  @Test func theGateJudgesTheWorkingTreeAgainstTheCommittedConfigs() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let plant = directory + "/plant"
    try FileManager.default.copyItem(
      atPath: ValidateCommandTests.packageRoot + "/Examples/riverside-water", toPath: plant)
    try Self.git(["init", "-q"], in: plant)
    try Self.git(["add", "-A"], in: plant)
    try Self.git(["commit", "-q", "-m", "the plant"], in: plant)
    let unchanged = try CommandRunner.run(["check", plant, "--today", "2026-11-27", "--whatif-ref", "HEAD"])
    #expect(unchanged.status == 0, "\(unchanged.err)")
    #expect(unchanged.err.contains("no firewall config of the model changed since HEAD"))

    // The pull request deletes the historian's OPC UA accept from fw-itot.
    _ = try WhatIfCommandTests.fwItot(without: "--dport 4840", in: plant + "/firewalls")
    let gate = try CommandRunner.run(["check", plant, "--today", "2026-11-27", "--whatif-ref", "HEAD"])
    #expect(gate.status == 1, "\(gate.err)")
    #expect(gate.err.contains("breaks conduit historian-collect"))
    let report = try CommandRunner.run(["whatif", plant, "--today", "2026-11-27", "--git-ref", "HEAD"])
    #expect(report.status == 0, "\(report.err)")
    #expect(report.out.contains("Breaks 1 conduit(s) (historian-collect)"))
    let missing = try CommandRunner.run(["whatif", plant, "--git-ref", "no-such-revision"])
    #expect(missing.status == 2)
  }
}
