import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead assess`: everything, reconciled and ranked.
struct AssessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: "Reconcile the model, the firewall configs and the captures; print ranked findings.",
    discussion: """
      Exit status: 0 when the assessment ran (whatever it found), 2 when the model cannot be read or the report \
      cannot be written. When an input could not be read or interpreted, an INCOMPLETE ASSESSMENT notice comes \
      first. Use `bulkhead check` for a CI gate.
      """)

  @OptionGroup var options: AssessmentOptions

  @Option(help: "Output format: text, json, sarif or markdown.")
  var format: ReportFormat = .text

  func run() throws {
    let result = try options.assess()
    try ReportOutput.write(result, format: format, to: options.output)
  }
}
