import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// Issue 15's "nothing is lost" at plant size: the 100 MB plant that `Benchmarks/gen-riverside-capture.py` writes
/// (about 650k packets, 26k sessions, hundreds of unknown hosts), generated here rather than committed. Fifty times
/// the fixture that `PlantBenchmarkTests` reads, it must give the same causes (the generator plants every gap at a
/// fixed rate, so the set does not depend on size) and count every flow that triggered a rule in exactly one cause.
@Suite struct PlantScaleTests {
  /// Runs the generator into a fresh temporary directory; the plant directory it writes holds the example's model
  /// with `captures:` naming its one SPAN capture.
  static func generatePlant(sizeMB: Int, seed: Int) throws -> (directory: URL, packets: UInt64) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bulkhead-plant-\(sizeMB)mb-\(UUID().uuidString)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "timeout", "--kill-after=10", "600", "python3",
      PlantBenchmarkTests.packageRoot.appendingPathComponent("Benchmarks/gen-riverside-capture.py").path,
      "--out", directory.path, "--size-mb", String(sizeMB), "--seed", String(seed),
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "gen-riverside-capture.py: \(printed)")
    // "…/span.pcap: 645989 packets, 100.3 MB, 26000 sessions"
    let written = try #require(printed.firstMatch(of: /: (\d+) packets,/)?.1, "gen-riverside-capture.py: \(printed)")
    return (directory, try #require(UInt64(written)))
  }

  @Test func aHundredMegabytePlantKeepsItsCausesAndCountsEveryFlowOnce() throws {
    let (directory, written) = try Self.generatePlant(sizeMB: 100, seed: 15)
    defer { try? FileManager.default.removeItem(at: directory) }
    let capture = directory.appendingPathComponent("captures/span.pcap")
    let size = try #require(try FileManager.default.attributesOfItem(atPath: capture.path)[.size] as? Int)
    #expect(size > 95_000_000)
    let (result, plant, flows) = try PlantBenchmarkTests.assess(directory)
    #expect(flows.count > 19_000)
    try PlantBenchmarkTests.checkCauses(result)
    PlantBenchmarkTests.checkConservation(result, plant, flows)
    // Every packet the generator wrote is read.
    #expect(result.packetsRead == written)
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
  }
}
