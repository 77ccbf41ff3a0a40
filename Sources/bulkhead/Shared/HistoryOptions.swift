import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadStore
import Foundation

/// `--store`, `--since`, `--until`, `--no-store`: which part of the plant's observation store an assessment reads.
/// Without a store file (none ingested yet) the assessment reads the model's captures as before.
struct HistoryOptions: ParsableArguments {
  @Option(help: "The observation store (default: .bulkhead/observations.sqlite beside the model, when it exists).")
  var store: String?

  @Option(help: "Read the store from this time on: 30d, 12h, 2026-11-01 or 2026-11-01T08:00:00Z (default: all).")
  var since: String?

  @Option(help: "Read the store up to this time (same forms as --since; default: all).")
  var until: String?

  @Flag(help: "Ignore the observation store; read only the model's captures.")
  var noStore = false

  func validate() throws {
    let now = Date().timeIntervalSince1970
    for (name, value) in [("--since", since), ("--until", until)] {
      if let value, StoreWindow.time(value, now: now) == nil {
        throw ValidationError(
          "\(name) must be a time (2026-11-01, 2026-11-01T08:00:00Z) or an age (30d, 12h), got \(value)")
      }
    }
  }

  /// The window asked for.
  var window: StoreWindow {
    let now = Date().timeIntervalSince1970
    return StoreWindow(
      since: since.flatMap { StoreWindow.time($0, now: now) }, until: until.flatMap { StoreWindow.time($0, now: now) })
  }

  /// The store's observations over the window for `plant`, nil when there is no store (or --no-store). A store that
  /// cannot be read is exit status 2.
  func history(for plant: Plant) throws -> RecordedHistory? {
    guard !noStore else { return nil }
    let path = store ?? ObservationStore.defaultPath(forModel: plant.modelFile)
    guard FileManager.default.fileExists(atPath: path) else {
      if store != nil {
        Console.error("\(path): error: no observation store here (bulkhead ingest makes one)")
        throw ExitCode(2)
      }
      return nil
    }
    do {
      let opened = try ObservationStore(path: path, create: false)
      var captures: Set<String> = []
      for pattern in plant.captures { captures.formUnion(pattern.files()) }
      let root = (plant.modelFile as NSString).deletingLastPathComponent
      var history = try opened.history(in: window, root: root, modelCaptures: captures.sorted())
      // Drift against the baseline in force, when one was accepted (bulkhead baseline accept).
      if let baseline = try opened.currentBaseline() {
        history.findings = try DriftDetector(plant: plant, root: root).findings(
          store: opened, baseline: baseline, window: window)
      }
      return history
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
  }
}
