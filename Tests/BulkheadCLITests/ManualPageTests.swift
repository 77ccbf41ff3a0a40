import Foundation
import Testing

/// Issue 24 item 2: the man pages Scripts/release ships come from Scripts/release-manual run on the binary being
/// shipped (its `--experimental-dump-help` command tree); here it runs on the test build, and groff reads each page
/// with every warning on. Scripts/release-check checks the pages inside a built archive the same way.
@Suite struct ManualPageTests {
  /// Runs `executable arguments` in the package root; standard output and error together.
  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: ValidateCommandTests.packageRoot)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func onePagePerCommandEachGroffClean() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let generated = try Self.run("Scripts/release-manual", [try ValidateCommandTests.binary().path, directory])
    #expect(generated.status == 0, "\(generated.out)")
    let pages = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    let commands =
      CompletionScriptTests.commands + [
        "bench.capture", "bench.firewall", "bench.assess", "baseline.accept", "baseline.list",
      ]
    #expect(pages == (["bulkhead.1"] + commands.map { "bulkhead.\($0).1" }).sorted())
    for page in pages {
      let groff = try Self.run("groff", ["-mandoc", "-ww", "-z", directory + "/" + page])
      #expect(groff.status == 0 && groff.out.isEmpty, "\(page): \(groff.out)")
    }
    // What --help shows is in the pages: value lists, defaults, -q/--quiet, NO_COLOR and the exit statuses.
    let check = try String(contentsOfFile: directory + "/bulkhead.check.1", encoding: .utf8)
    for text in [
      #"\fB\-\-quiet\fR, \fB\-q\fR"#, "Values: text, json, sarif, markdown.", "Default: text.", ".SH EXIT STATUS",
    ] {
      #expect(check.contains(text), "bulkhead.check.1 lacks \(text)")
    }
    let root = try String(contentsOfFile: directory + "/bulkhead.1", encoding: .utf8)
    #expect(root.contains(#"\fBNO_COLOR\fR"#) && root.contains(#"\fBbulkhead.assess\fR(1)"#))
  }
}
