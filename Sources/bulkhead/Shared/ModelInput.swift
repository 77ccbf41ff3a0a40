import ArgumentParser
import BulkheadAnalysis
import BulkheadModel

/// The one way commands load a plant model: a model that cannot be read at all is its located message on standard
/// error and exit status 2.
enum ModelInput {
  /// Loads and validates the model at `path` (a directory holding `bulkhead.yaml`, or the file).
  static func load(_ path: String, today: CalendarDate = .today(), allowOutside: [String] = []) throws -> LoadedModel {
    do {
      return try ModelLoader(allowOutside: allowOutside).load(path: path, today: today)
    } catch {
      Console.error(error.diagnostic.description)
      throw ExitCode(2)
    }
  }

  /// Loads the model once and assesses it, so renderers get the plant and the result of the same read; `onFlow`
  /// sees every reconciled flow; `history` says which part of the observation store to read beside the captures.
  static func assess(
    _ path: String, today: String?, allowOutside: [String] = [], history: HistoryOptions? = nil,
    onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)? = nil
  ) throws -> (result: AssessmentResult, plant: Plant) {
    let day = today.flatMap(CalendarDate.init) ?? .today()
    let loaded = try load(path, today: day, allowOutside: allowOutside)
    let recorded = try history?.history(for: loaded.plant)
    let result = Assessor(today: day, toolVersion: BuildInfo.version).assess(
      loaded, history: recorded, onFlow: onFlow)
    return (result, loaded.plant)
  }
}
