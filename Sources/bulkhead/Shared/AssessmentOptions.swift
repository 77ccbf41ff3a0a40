import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import Foundation

/// Options shared by `assess`, `check` and `report`: which plant, which day, where to write.
struct AssessmentOptions: ParsableArguments {
  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @Option(help: "Judge dates (review-by, acceptances) as of this day, YYYY-MM-DD (default: today).")
  var today: String?

  @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
  var output: String?

  func validate() throws {
    if let today, CalendarDate(today) == nil {
      throw ValidationError("--today must be a date YYYY-MM-DD, got \(today)")
    }
  }

  /// Runs the assessment, turning an unreadable model into exit status 2 with the loader's message.
  func assess() throws -> AssessmentResult {
    try assessWithPlant().0
  }

  /// Runs the assessment and returns the plant it read too; `onFlow` sees every reconciled flow.
  func assessWithPlant(
    onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)? = nil
  ) throws -> (AssessmentResult, Plant) {
    let day = today.flatMap(CalendarDate.init) ?? .today()
    do {
      let loaded = try ModelLoader().load(path: path, today: day)
      return (Assessor(today: day, toolVersion: Bulkhead.configuration.version).assess(loaded, onFlow: onFlow), loaded.plant)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(2)
    }
  }
}
