import ArgumentParser
import BulkheadCapture
import BulkheadDissect
import Foundation

/// `bulkhead dissect`: what the industrial protocols on each flow do (operations, classes, security, identities).
struct DissectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dissect",
    abstract: "Dissect \(DissectorRegistry.displayNames) flows in captures, recognised by content.",
    discussion: """
      Every TCP/UDP flow is matched against the dissectors' content signatures on any port. Table output lists one \
      flow per line with its protocol, operation classes and security, then its operations; JSON carries the full \
      observation. --benchmark is `bulkhead bench capture --dissect --jobs CORES`: throughput without and with dissectors.
      """
  )

  /// Output formats.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Argument(help: "Capture files (pcap or pcapng).")
  var captures: [String]

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  @Flag(help: "Measure capture throughput without and with all dissectors (best of 3) instead of listing flows.")
  var benchmark = false

  func run() throws {
    if benchmark {
      try runBenchmark()
      return
    }
    let capture = DissectedCapture.read(
      files: captures, shards: ProcessInfo.processInfo.activeProcessorCount)
    let report = capture.report
    let rows = DissectedFlowRow.rows(report.flows, capture.observations)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      FileHandle.standardOutput.write(try encoder.encode(rows))
      FileHandle.standardOutput.write(Data("\n".utf8))
    case .table:
      for row in rows { print(row.text) }
      print("\(rows.count) dissected flows of \(report.flows.count)")
    }
    for diagnostic in report.diagnostics {
      FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
    }
  }

  private func runBenchmark() throws {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    try BenchCaptureCommand.parse(["--dissect", "--jobs", String(cores), "--"] + captures).run()
  }
}
