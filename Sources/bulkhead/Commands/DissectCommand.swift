import ArgumentParser
import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead dissect`: what the industrial protocols on each flow do (operations, classes, security, identities).
struct DissectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dissect",
    abstract: "Dissect \(DissectorRegistry.displayNames) flows in captures, recognised by content.",
    discussion: """
      Every TCP/UDP flow is matched against the dissectors' content signatures on any port. Table output lists one \
      flow per line with its protocol, operation classes and security, then its operations; JSON carries the full \
      observation. Exit status: 0 listed, 2 a capture could not be read (or bad arguments, or the output cannot be \
      written). --benchmark is `bulkhead bench capture --dissect --jobs CORES`: throughput without and with dissectors.
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
    case .json: try Console.print(DeterministicJSON.text(rows))
    case .table: try Console.print(DissectedFlowRow.table(rows, flowCount: report.flows.count))
    }
    Console.report(report.diagnostics)
    try CaptureInput.requireReadable(report)
  }

  private func runBenchmark() throws {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    try BenchCaptureCommand.parse(["--dissect", "--jobs", String(cores), "--"] + captures).run()
  }
}
