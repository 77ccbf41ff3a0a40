import ArgumentParser
import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead dissect`: what the industrial protocols on each flow do (operations, classes, security, identities).
struct DissectCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "dissect",
    abstract: "Dissect \(DissectorRegistry.displayNames) flows in captures, recognised by content.",
    discussion: """
      Every TCP/UDP flow is matched against the dissectors' content signatures on any port. Text output lists one \
      flow per line with its protocol, operation classes and security, then its operations; CSV one row per flow; \
      JSON carries the full observation. Exit status: 0 listed, 2 a capture could not be read (or bad arguments, or the output cannot be \
      written). --benchmark is `bulkhead bench capture --dissect --jobs CORES`: throughput without and with dissectors.
      """
  )

  /// Output formats (`table` is the old name of `text`).
  enum Format: String, CommandFormat {
    case text, json, csv

    static var aliases: [String: Format] { ["table": .text] }
  }

  @Argument(help: "Capture files (pcap or pcapng).")
  var captures: [String]

  @Option(help: "Output format.")
  var format: Format = .text

  @OptionGroup var destination: OutputOptions

  @OptionGroup var console: ConsoleOptions

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
    case .json: try destination.write(DeterministicJSON.text(rows))
    case .csv: try destination.write(DissectedFlowRow.csv(rows))
    case .text: try destination.write(DissectedFlowRow.table(rows, flowCount: report.flows.count))
    }
    Console.report(report.diagnostics)
    try CaptureInput.requireReadable(report)
  }

  private func runBenchmark() throws {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    try BenchCaptureCommand.parse(["--dissect", "--jobs", String(cores), "--"] + captures).run()
  }
}
