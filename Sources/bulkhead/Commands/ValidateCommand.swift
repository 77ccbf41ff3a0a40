import ArgumentParser
import BulkheadModel
import Foundation

/// `bulkhead validate`: load the model and report every problem, compiler style.
struct ValidateCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a plant model (bulkhead.yaml and its inventory) and report every problem with its location.",
    discussion: """
      Exit status: 0 when the model has no errors (warnings allowed), 1 when it has errors, 2 when the model \
      cannot be read or the arguments are wrong.
      """
  )

  @Argument(help: "The model file, or a directory holding bulkhead.yaml.")
  var path: String = "."

  @Option(help: "Output format.")
  var format: OutputFormat = .text

  @OptionGroup var date: DateOptions

  @OptionGroup var destination: OutputOptions

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let day = date.day
    let report: ValidationReport
    let status: Int32
    do {
      let model = try ModelLoader(allowOutside: paths.allowOutside).load(path: path, today: day)
      report = ValidationReport(model)
      status = model.isValid ? 0 : 1
    } catch {
      report = ValidationReport(failure: error, path: path)
      status = 2
    }
    switch format {
    case .text:
      let shown = report.diagnostics.filter { !console.quiet || $0.severity == .error }
      let lines = shown.map(\.description) + (status != 2 && !console.quiet ? [report.summaryLine] : [])
      if !lines.isEmpty { try destination.write(lines.joined(separator: "\n")) }
    case .json:
      try destination.write(DeterministicJSON.text(report))
    }
    if status != 0 { throw ExitCode(status) }
  }
}
