import ArgumentParser
import BulkheadAnalysis
import BulkheadModel

/// The one way `whatif` and `check --whatif` compare a plant with proposed configs: a model or a proposed config
/// that cannot be used is its message on standard error and exit status 2.
enum WhatIfInput {
  /// Loads the model at `path` and compares it with `proposed` in place of the configs they name.
  static func compare(
    _ path: String, proposing proposed: [ProposedConfig], date: DateOptions, paths: PlantPathOptions
  ) throws -> WhatIfResult {
    let loaded = try ModelInput.load(path, today: date.day, allowOutside: paths.allowOutside)
    do {
      return try WhatIfAnalyzer(today: date.day, toolVersion: BuildInfo.version).compare(loaded, proposing: proposed)
    } catch {
      Console.error("error: \(error)")
      throw ExitCode(2)
    }
  }
}
