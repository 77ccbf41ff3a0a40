import ArgumentParser
import BulkheadDiscover
import BulkheadModel
import Foundation

/// `bulkhead discover`: draft a model from captures (zones, assets, proposed conduits) with a report of every guess.
struct DiscoverCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "discover",
    abstract: "Draft a bulkhead.yaml from captures, with discover-report.md stating every guess (never overwrites).",
    discussion: """
      Zones come from subnets (/24, /64) merged by capture point when several captures are given (one SPAN per zone \
      uplink); assets get a kind from behaviour and a vendor from the MAC's OUI; conduits are proposed from the \
      answered flows that cross zones, with owner, justification and review date left for a person. Hosts and flows \
      the draft leaves out are listed in the report with why.
      """
  )

  @Argument(help: "Capture files (pcap, pcapng) or observation files (*.json).")
  var captures: [String]

  @Option(name: .customLong("out"), help: "The directory to write bulkhead.yaml and discover-report.md into.")
  var output: String = "."

  @Option(help: "The plant name written into the draft.")
  var plant: String = "Discovered plant"

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let manager = FileManager.default
    for file in captures where !manager.isReadableFile(atPath: file) {
      Console.error("\(file): error: cannot read the capture")
      throw ExitCode(2)
    }
    let model = (output as NSString).appendingPathComponent(StarterModel.fileName)
    let report = (output as NSString).appendingPathComponent(DiscoverReport.fileName)
    for target in [model, report] where manager.fileExists(atPath: target) {
      Console.error("\(target): error: already exists; not overwriting it")
      throw ExitCode(2)
    }
    let draft = Discovery().draft(captures: captures, outputDirectory: output, plantName: plant)
    Console.report(draft.evidence.diagnostics)
    do {
      try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
      try Data(draft.yaml.utf8).write(to: URL(fileURLWithPath: model), options: .withoutOverwriting)
      try Data(DiscoverReport(draft: draft).markdown.utf8).write(
        to: URL(fileURLWithPath: report), options: .withoutOverwriting)
    } catch {
      Console.error("\(output): error: cannot write: \(error.localizedDescription)")
      throw ExitCode(2)
    }
    if !console.quiet {
      try Console.print(
        "wrote \(model) (\(draft.zones.count) zones, \(draft.assets.count) assets, "
          + "\(draft.plant.conduits.count) proposed conduits, \(draft.unplaced.count) hosts not placed) and \(report)")
    }
  }
}
