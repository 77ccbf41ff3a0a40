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
    let day = today.flatMap(CalendarDate.init) ?? .today()
    do {
      return try Assessor(today: day, toolVersion: Bulkhead.configuration.version).assess(path: path)
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      throw ExitCode(2)
    }
  }
}
