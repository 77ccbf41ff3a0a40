import ArgumentParser
import BulkheadDiscover
import BulkheadModel
import Foundation

/// `bulkhead discover`: draft a model from captures (zones, assets, proposed conduits) with a report of every guess;
/// or, given an existing model first, the amendment the captures call for as a unified diff of the model file.
struct DiscoverCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "discover",
    abstract: "Draft a bulkhead.yaml from captures, with discover-report.md stating every guess (never overwrites).",
    discussion: """
      Zones come from subnets (/24, /64) merged by capture point when several captures are given (one SPAN per zone \
      uplink); assets get a kind from behaviour and a vendor from the MAC's OUI; conduits are proposed from the \
      answered flows that cross zones, with owner, justification and review date left for a person. Hosts and flows \
      the draft leaves out are listed in the report with why. When the first argument is an existing model (a directory holding bulkhead.yaml, or a .yaml file), discover \
      compares it with the captures that follow (or, with none, the model's own) and prints the amendment as a \
      unified diff of the model file that keeps its comments (patch -p1 in the plant directory applies it): unknown \
      hosts as assets of their zone, observed cross-zone flows no conduit declares as proposed conduits (or a \
      comment saying why none may be), hosts in no zone and declared assets never seen as comments. With --out \
      DIR it is written to DIR/discover.patch instead (never overwritten).
      """
  )

  @Argument(help: "Capture files (pcap, pcapng) or observation files (*.json); first, optionally, an existing model.")
  var captures: [String]

  @Option(
    name: .customLong("out"),
    help: "The directory to write bulkhead.yaml and discover-report.md (or, against a model, discover.patch) into.")
  var output: String?

  @Option(
    name: .customLong("config"),
    help: ArgumentHelp(
      "A firewall config (repeatable; vendor detected): each interface's networks are a zone candidate.",
      valueName: "file"))
  var configs: [String] = []

  @Option(help: "The plant name written into the draft.")
  var plant: String = "Discovered plant"

  @OptionGroup var date: DateOptions

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var console: ConsoleOptions

  /// The patch's file name under --out.
  static let patchName = "discover.patch"

  func run() throws {
    if let first = captures.first, Self.isModel(first) {
      guard configs.isEmpty else {
        throw ValidationError("--config drafts zones from firewall configs; against a model its own configs count")
      }
      return try amend(model: first)
    }
    let output = output ?? "."
    let manager = FileManager.default
    for file in captures where !manager.isReadableFile(atPath: file) {
      Console.error("\(file): error: cannot read the capture")
      throw ExitCode(2)
    }
    for file in configs {
      try InputFile.require(file)
      guard manager.isReadableFile(atPath: file) else {
        Console.error("\(file): error: cannot read the firewall config")
        throw ExitCode(2)
      }
    }
    let model = (output as NSString).appendingPathComponent(StarterModel.fileName)
    let report = (output as NSString).appendingPathComponent(DiscoverReport.fileName)
    for target in [model, report] where manager.fileExists(atPath: target) {
      Console.error("\(target): error: already exists; not overwriting it")
      throw ExitCode(2)
    }
    let draft = Discovery().draft(captures: captures, configs: configs, outputDirectory: output, plantName: plant)
    Console.report(draft.evidence.diagnostics + draft.configDiagnostics.filter { $0.severity != .note })
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

  /// Whether an argument names a model rather than a capture: a directory, or a YAML file.
  static func isModel(_ path: String) -> Bool {
    var directory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &directory), directory.boolValue { return true }
    return path.hasSuffix(".yaml") || path.hasSuffix(".yml")
  }

  /// The amendment of an existing model: the diff on standard output (or --out DIR/discover.patch), a summary on
  /// standard error.
  private func amend(model path: String) throws {
    let files = Array(captures.dropFirst())
    for file in files where !FileManager.default.isReadableFile(atPath: file) {
      Console.error("\(file): error: cannot read the capture")
      throw ExitCode(2)
    }
    let loaded = try ModelInput.load(path, today: date.day, allowOutside: paths.allowOutside)
    let amendment = Discovery().amend(loaded, captures: files, today: date.day, toolVersion: BuildInfo.version)
    Console.report(amendment.diagnostics.filter { $0.severity == .error })
    if let output {
      let target = (output as NSString).appendingPathComponent(Self.patchName)
      do {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data(amendment.patch.utf8).write(to: URL(fileURLWithPath: target), options: .withoutOverwriting)
      } catch {
        Console.error("\(target): error: cannot write (it is never overwritten): \(error.localizedDescription)")
        throw ExitCode(2)
      }
    } else {
      try Console.write(Data(amendment.patch.utf8))
    }
    let proposed = amendment.undeclaredFlows.filter { $0.conduit != nil }.count
    Console.inform(
      "\(amendment.modelFile): \(amendment.newAssets.count) new asset(s), \(amendment.unzonedHosts.count) host(s) "
        + "in no zone, \(amendment.undeclaredFlows.count) undeclared flow class(es) (\(proposed) in "
        + "\(amendment.conduits.count) proposed conduit(s)), \(amendment.unseenAssets.count) declared asset(s) "
        + "never seen")
  }
}
