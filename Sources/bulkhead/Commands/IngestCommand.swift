import ArgumentParser
import BulkheadModel
import BulkheadStore
import Foundation

/// `bulkhead ingest`: take captures into the plant's observation store.
struct IngestCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Take captures into the plant's observation store (flows and hosts per hour), for assessing over time.",
    discussion: """
      Each file is read through the flow table and the dissectors, aggregated per hour, and committed in one \
      transaction with its SHA-256: a file already in the store is skipped, and a run stopped at any moment leaves \
      every file either whole or absent. Without CAPTURE arguments the model's captures are taken in. The same \
      traffic seen at two capture points is merged when the store is read, as `assess` merges it. \
      Exit status: 0 done (files taken in or skipped), 2 the model, the store or a capture could not be read.
      """)

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var plant: String

  @Argument(help: "Capture files (pcap or pcapng); default: the model's captures.")
  var captures: [String] = []

  @Option(help: "The observation store (default: .bulkhead/observations.sqlite beside the model).")
  var store: String?

  @Option(help: "Name of the capture point the files were recorded at (default: from the model's captures entry).")
  var capturePoint: String?

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let loaded = try ModelInput.load(plant, allowOutside: paths.allowOutside)
    let model = loaded.plant
    let root = (model.modelFile as NSString).deletingLastPathComponent
    let opened: ObservationStore
    do {
      opened = try ObservationStore(path: store ?? ObservationStore.defaultPath(forModel: model.modelFile))
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    var files = captures
    if files.isEmpty {
      var named: Set<String> = []
      for pattern in model.captures { named.formUnion(pattern.files()) }
      files = named.sorted().filter { !$0.hasSuffix(".json") }
    }
    let ingest = CaptureIngest(
      store: opened, root: root, toolVersion: BuildInfo.version,
      shards: ProcessInfo.processInfo.activeProcessorCount)
    var failed = false
    for file in files {
      let point = capturePoint ?? CapturePointNames.name(of: file, in: model, root: root)
      do {
        let (outcome, diagnostics) = try ingest.ingest(file: file, capturePoint: point)
        Console.report(diagnostics)
        switch outcome {
        case .ingested(let record):
          try Console.print(
            "ingested \(record.path) at \(point): \(record.flows) flows, \(record.flowPackets) packets, "
              + "\(record.flowBytes) bytes")
        case .skipped(let digest, let earlier):
          try Console.print(
            "skipped \(file): already in the store (sha256 \(digest.prefix(16))…, taken in as \(earlier))")
        case .failed:
          Console.error("\(file): error: not taken in: the capture could not be read [BH902]")
          failed = true
        }
      } catch let error as StoreError {
        Console.error(error.description)
        failed = true
      }
    }
    if failed { throw ExitCode(2) }
  }
}
