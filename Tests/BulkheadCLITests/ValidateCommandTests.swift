import Foundation
import Testing

/// Runs the built `bulkhead` binary: exit codes, output shape, and never a stack trace.
@Suite struct ValidateCommandTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// The `bulkhead` executable beside the test bundle (the test target depends on it, so it is built first).
  static func binary() throws -> URL {
    var directory = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = directory.appendingPathComponent("bulkhead")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    throw CLIError.binaryNotFound(Bundle.main.bundleURL.path)
  }

  enum CLIError: Error { case binaryNotFound(String) }

  /// Runs `bulkhead` with `arguments` in the package root; returns exit status, standard output and error.
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
  }

  @Test func theExamplePlantIsValid() throws {
    let result = try ValidateCommandTests.run(["validate", "Examples/riverside-water", "--today", "2026-11-27"])
    #expect(result.status == 0)
    let lines = result.out.split(separator: "\n")
    #expect(
      lines.contains {
        $0.hasPrefix("Examples/riverside-water/bulkhead.yaml:178:16: warning:") && $0.hasSuffix("[BH316]")
      })
    let summary = try #require(lines.last)
    #expect(summary.contains("valid; 6 zones, 14 assets, 8 conduits, 2 enforcement points;"))
    #expect(summary.hasSuffix(", 0 errors"))
  }

  @Test func aBrokenModelExitsOne() throws {
    let result = try ValidateCommandTests.run([
      "validate", "Tests/Fixtures/models/bh312-conduit-bypasses-dmz.yaml", "--today", "2026-11-27",
    ])
    #expect(result.status == 1)
    #expect(result.out.contains("bh312-conduit-bypasses-dmz.yaml:8:14: error:"))
    #expect(result.out.contains("invalid;"))
  }

  @Test func jsonOutputIsOneDocument() throws {
    let result = try ValidateCommandTests.run([
      "validate", "Examples/riverside-water", "--format", "json", "--today", "2026-11-27",
    ])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    #expect(object["valid"] as? Bool == true)
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary["zones"] == 6 && summary["errors"] == 0)
  }

  @Test(arguments: [
    ["validate", "no/such/dir"],
    ["validate", "Examples/riverside-water", "--today", "2026-02-30"],
    ["validate", "--format", "yaml"],
    ["validate", "--bogus"],
    ["init", "Examples/riverside-water"],
  ])
  func usageAndIOProblemsExitTwoWithoutAStackTrace(arguments: [String]) throws {
    let result = try ValidateCommandTests.run(arguments)
    #expect(result.status == 2)
    let all = result.out + result.err
    #expect(!all.contains("Fatal error") && !all.contains("Stack dump") && !all.isEmpty)
  }

  @Test func initWritesAStarterThatValidates() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-init-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let written = try ValidateCommandTests.run(["init", directory])
    #expect(written.status == 0)
    let validated = try ValidateCommandTests.run(["validate", directory])
    #expect(validated.status == 0)
    #expect(try ValidateCommandTests.run(["init", directory]).status == 2)
  }
}
