import ArgumentParser
import BulkheadModel
import Foundation

/// `bulkhead validate`: load the model and report every problem, compiler style.
struct ValidateCommand: ParsableCommand {
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

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Option(help: "The date review dates are compared with, YYYY-MM-DD (default: today, UTC).")
  var today: String?

  @OptionGroup var paths: PlantPathOptions

  func validate() throws {
    if let today, CalendarDate(today) == nil {
      throw ValidationError("--today must be a date YYYY-MM-DD, not '\(today)'")
    }
  }

  func run() throws {
    let day = today.flatMap(CalendarDate.init) ?? CalendarDate.today()
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
      for diagnostic in report.diagnostics { try Console.print(diagnostic.description) }
      if status != 2 { try Console.print(report.summaryLine) }
    case .json:
      try Console.print(DeterministicJSON.text(report))
    }
    if status != 0 { throw ExitCode(status) }
  }
}
