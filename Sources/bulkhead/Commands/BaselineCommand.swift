import ArgumentParser
import BulkheadModel
import BulkheadStore
import Foundation

/// `bulkhead baseline`: accept the observed state as the baseline drift is judged against.
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Accept the observed state as the baseline that drift findings compare against, or list baselines.",
    subcommands: [Accept.self, List.self])

  /// `bulkhead baseline accept PLANT --by WHO --reason WHY`.
  struct Accept: ConsoleCommand {
    static let configuration = CommandConfiguration(
      commandName: "accept",
      abstract: "Record that everything observed so far (or up to --until) is the accepted baseline.")

    @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
    var plant: String

    @Option(help: "Who accepts it (default: $USER).")
    var by: String?

    @Option(help: "Why it is accepted (a change ticket, a commissioning sign-off).")
    var reason: String

    @Option(help: "Accept what was observed up to this time (2026-11-01, 2026-11-01T08:00:00Z, or 7d ago as 7d).")
    var until: String?

    @Option(help: "The observation store (default: .bulkhead/observations.sqlite beside the model).")
    var store: String?

    @OptionGroup var paths: PlantPathOptions

    @OptionGroup var console: ConsoleOptions

    func run() throws {
      let loaded = try ModelInput.load(plant, allowOutside: paths.allowOutside)
      let path = store ?? ObservationStore.defaultPath(forModel: loaded.plant.modelFile)
      let now = Date().timeIntervalSince1970
      var limit: Double?
      if let until {
        guard let time = StoreWindow.time(until, now: now) else {
          Console.error("--until: not a time or duration: \(until)")
          throw ExitCode(2)
        }
        limit = time
      }
      let who = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
      do {
        let opened = try ObservationStore(path: path, create: false)
        let baseline = try opened.acceptBaseline(by: who, reason: reason, until: limit, now: now)
        try Console.print(
          "baseline \(baseline.id) accepted by \(who) at \(baseline.acceptedAt): observations up to "
            + (baseline.windowEnd.map(BaselineText.time) ?? "now (the store is empty)"))
      } catch let error as StoreError {
        Console.error(error.description)
        throw ExitCode(2)
      }
    }
  }

  /// `bulkhead baseline list PLANT`.
  struct List: ConsoleCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accepted baselines.")

    @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
    var plant: String

    @Option(help: "The observation store (default: .bulkhead/observations.sqlite beside the model).")
    var store: String?

    @OptionGroup var paths: PlantPathOptions

    @OptionGroup var console: ConsoleOptions

    func run() throws {
      let loaded = try ModelInput.load(plant, allowOutside: paths.allowOutside)
      do {
        let opened = try ObservationStore(
          path: store ?? ObservationStore.defaultPath(forModel: loaded.plant.modelFile), create: false)
        for baseline in try opened.baselines() {
          try Console.print(
            "\(baseline.id)\t\(baseline.acceptedAt)\t\(baseline.acceptedBy)\tup to "
              + "\(baseline.windowEnd.map(BaselineText.time) ?? "-")\t\(baseline.reason)")
        }
      } catch let error as StoreError {
        Console.error(error.description)
        throw ExitCode(2)
      }
    }
  }
}

/// Times as the baseline commands print them.
enum BaselineText {
  static func time(_ seconds: Double) -> String {
    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
  }
}
