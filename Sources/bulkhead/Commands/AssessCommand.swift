import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead assess`: everything, reconciled and ranked.
struct AssessCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: "Reconcile the model, the firewall configs and the captures; print ranked findings.",
    discussion: """
      Exit status: 0 when the assessment ran (whatever it found), 2 when the model cannot be read or the report \
      cannot be written. When an input could not be read or interpreted, an INCOMPLETE ASSESSMENT notice comes \
      first. Use `bulkhead check` for a CI gate.
      """)

  @OptionGroup var options: AssessmentOptions

  @Option(help: "Output format.")
  var format: ReportFormat = .text

  @Option(help: "Text output: findings listed per rule (the rest are counted).")
  var limit: Int = 10

  @Flag(help: "Text output: list every finding.")
  var all = false

  @Option(
    help: ArgumentHelp(
      "Also write every reconciled flow to this file, one JSON object per line, with the fingerprints of the "
        + "findings it counts in.", valueName: "file"))
  var flows: String?

  func validate() throws {
    guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
  }

  var console: ConsoleOptions { options.console }

  func run() throws {
    guard let flows else {
      let result = try options.assess()
      try ReportOutput.write(result, format: format, to: options.output, limit: all ? nil : limit)
      return
    }
    let writer = try FlowListWriter()
    let (result, plant) = try options.assessWithPlant(onFlow: { flow, key in writer.record(flow, key) })
    let index = CauseIndex(result: result, plant: plant)
    do {
      try writer.write(to: flows, causes: index.fingerprints(of:))
    } catch {
      Console.error("\(flows): error: cannot write the flow list: \(error)")
      throw ExitCode(2)
    }
    try ReportOutput.write(result, format: format, to: options.output, limit: all ? nil : limit)
  }
}
