import ArgumentParser
import BulkheadAnalysis
import BulkheadModel

/// The one way `whatif` and `check --whatif` compare a plant with proposed configs: a model or a proposed config
/// that cannot be used is its message on standard error and exit status 2.
enum WhatIfInput {
  /// Loads the model at `path` and compares it with `proposed` in place of the configs they name, replaying the
  /// model's captures and the part of the observation store `history` names.
  static func compare(
    _ path: String, proposing proposed: [ProposedConfig], date: DateOptions, paths: PlantPathOptions,
    history: HistoryOptions
  ) throws -> WhatIfResult {
    let loaded = try ModelInput.load(path, today: date.day, allowOutside: paths.allowOutside)
    return try compare(loaded, proposing: proposed, date: date, history: history)
  }

  /// Compares an already loaded model (whose configs are today's) with `proposed`.
  static func compare(
    _ loaded: LoadedModel, proposing proposed: [ProposedConfig], date: DateOptions, history: HistoryOptions
  ) throws -> WhatIfResult {
    let recorded = try history.history(for: loaded.plant)
    do {
      return try WhatIfAnalyzer(today: date.day, toolVersion: BuildInfo.version).compare(
        loaded, proposing: proposed, history: recorded)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode(2)
    }
  }
}

/// `FW=FILE` on the command line (`whatif --config`, `check --whatif`).
extension ProposedConfig: ExpressibleByArgument {}
