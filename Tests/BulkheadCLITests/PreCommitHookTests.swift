import Foundation
import Testing
import Yams

/// Issue 24 item 3: the pre-commit hook (.pre-commit-hooks.yaml) — its file pattern picks the model files, and its
/// entry, run as pre-commit runs it (the changed file names as arguments), validates each plant once.
@Suite struct PreCommitHookTests {
  static func hook() throws -> [String: Any] {
    let text = try String(
      contentsOfFile: ValidateCommandTests.packageRoot + "/.pre-commit-hooks.yaml", encoding: .utf8)
    let hooks = try #require(try Yams.load(yaml: text) as? [[String: Any]])
    return try #require(hooks.first { $0["id"] as? String == "bulkhead-validate" })
  }

  /// Runs the hook's entry with `files` in the package root, `bulkhead` the built binary.
  static func runEntry(_ files: [String]) throws -> (status: Int32, out: String) {
    let entry = try #require(try hook()["entry"] as? String)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ValidateCommandTests.packageRoot + "/" + entry)
    process.arguments = files
    process.currentDirectoryURL = URL(fileURLWithPath: ValidateCommandTests.packageRoot)
    var environment = ProcessInfo.processInfo.environment
    environment["BULKHEAD"] = try ValidateCommandTests.binary().path
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func thePatternPicksModelsAndInventories() throws {
    let hook = try Self.hook()
    #expect(hook["language"] as? String == "script")
    #expect(hook["pass_filenames"] as? Bool == true)
    let pattern = try Regex(try #require(hook["files"] as? String))
    for path in ["bulkhead.yaml", "plants/north/bulkhead.yaml", "Examples/riverside-water/inventory.csv"] {
      #expect(path.contains(pattern), "\(path)")
    }
    for path in ["README.md", "plants/north/firewalls/fw.nft", "notbulkhead.yaml.bak"] {
      #expect(!path.contains(pattern), "\(path)")
    }
  }

  @Test func theExamplePlantPassesOnce() throws {
    let result = try Self.runEntry([
      "Examples/riverside-water/bulkhead.yaml", "Examples/riverside-water/inventory.csv", "docs/some.csv",
    ])
    #expect(result.status == 0, "\(result.out)")
    // Both files belong to one plant: validated once, one summary line.
    #expect(result.out.components(separatedBy: "valid; 6 zones").count == 2, "\(result.out)")
  }

  @Test func aBrokenModelFailsTheCommit() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let model = directory + "/bulkhead.yaml"
    try FileManager.default.copyItem(
      atPath: ValidateCommandTests.packageRoot + "/Tests/Fixtures/models/bh312-conduit-bypasses-dmz.yaml", toPath: model
    )
    let result = try Self.runEntry(["Examples/riverside-water/bulkhead.yaml", model])
    #expect(result.status == 1, "\(result.out)")
    #expect(result.out.contains("bulkhead.yaml:8:14: error:"))
  }
}
