import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import Foundation

/// Options shared by `assess`, `check` and `report`: which plant, which day, where to write.
struct AssessmentOptions: ParsableArguments {
  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @OptionGroup var date: DateOptions

  @OptionGroup var destination: OutputOptions

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var history: HistoryOptions

  @OptionGroup var console: ConsoleOptions

  /// `--today`, as given.
  var today: String? { date.today }

  /// `--output`, as given.
  var output: String? { destination.output }

  /// Runs the assessment; an unreadable model is exit status 2 with the loader's located message.
  func assess() throws -> AssessmentResult {
    try ModelInput.assess(path, today: today, allowOutside: paths.allowOutside, history: history).result
  }

  /// Runs the assessment and returns the plant it read too; `onFlow` sees every reconciled flow.
  func assessWithPlant(
    onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)? = nil
  ) throws -> (result: AssessmentResult, plant: Plant) {
    try ModelInput.assess(path, today: today, allowOutside: paths.allowOutside, history: history, onFlow: onFlow)
  }
}
