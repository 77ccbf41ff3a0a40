import Foundation
import Testing

/// `bulkhead discover PLANT` (issue 20 item 2): the amendment of the example model as a diff on standard output, or
/// written once under --out and never overwritten.
@Suite struct DiscoverAmendCommandTests {
  @Test func theExampleModelsAmendmentIsADiff() throws {
    let run = try CommandRunner.run(["discover", "Examples/riverside-water", "--today", "2026-11-27"])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.out.hasPrefix("--- a/bulkhead.yaml\n+++ b/bulkhead.yaml\n@@ "))
    #expect(run.out.contains("+  - id: workstation-10-50-2-99"))
    #expect(run.err.contains("1 new asset(s)"))
  }

  @Test func outWritesThePatchOnce() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let arguments = ["discover", "Examples/riverside-water", "--today", "2026-11-27", "--out", directory]
    let first = try CommandRunner.run(arguments)
    #expect(first.status == 0, "\(first.err)")
    let patch = try String(contentsOfFile: directory + "/discover.patch", encoding: .utf8)
    #expect(patch.contains("+++ b/bulkhead.yaml"))
    let second = try CommandRunner.run(arguments)
    #expect(second.status == 2)
    #expect(second.err.contains("never overwritten"))
    #expect(try String(contentsOfFile: directory + "/discover.patch", encoding: .utf8) == patch)
  }
}
