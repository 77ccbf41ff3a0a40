import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead whatif`: what a proposed firewall change opens or breaks, against the model and the observed traffic.
struct WhatIfCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract: "What a proposed firewall change opens or breaks: packet space, observed flows, conduits, findings.",
    discussion: """
      Each --config FW=FILE puts FILE in place of enforcement point FW's config (the model's vendor, or detected); \
      --git-ref REF instead compares the configs committed at REF (today) with the working tree's (proposed). \
      The report gives, per zone pair, the new connections the change lets through or drops (exactly, with a \
      witness packet and the deciding rules today and after); the observed flows of the model's captures it would \
      start dropping (last seen, operations, conduit); the declared conduit flows that lose coverage; and the \
      findings it closes and opens. The observation store is replayed beside the captures, as assess reads it. Exit \
      status: 0 compared (whatever it found; `bulkhead check --whatif` is the gate), 2 the model or a proposed \
      config cannot be read, an unknown enforcement point, the exact answer needs more than its memory, or the \
      output cannot be written.
      """)

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var path: String = "."

  @Option(
    name: .customLong("config"),
    help: ArgumentHelp("A proposed config: enforcement point id, =, the file (repeatable).", valueName: "FW=FILE"))
  var configs: [ProposedConfig] = []

  @Option(
    help: ArgumentHelp(
      "Compare the configs committed at this git revision (today) with the working tree's (proposed).",
      valueName: "REF"))
  var gitRef: String?

  @Option(help: "Report format.")
  var format: WhatIfFormat = .text

  @OptionGroup var date: DateOptions

  @OptionGroup var destination: OutputOptions

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var history: HistoryOptions

  @OptionGroup var console: ConsoleOptions

  func validate() throws {
    if configs.isEmpty == (gitRef == nil) {
      throw ValidationError("give --config FW=FILE or --git-ref REF (one of them)")
    }
  }

  func run() throws {
    let compared: WhatIfResult?
    if let gitRef {
      compared = try GitBaseline.compare(path, ref: gitRef, date: date, paths: paths, history: history)
    } else {
      compared = try WhatIfInput.compare(path, proposing: configs, date: date, paths: paths, history: history)
    }
    guard let result = compared else { return }
    let text: String
    switch format {
    case .text: text = WhatIfTextRenderer(color: destination.colors).render(result)
    case .json: text = try DeterministicJSON.text(result) + "\n"
    case .markdown: text = WhatIfMarkdownRenderer().render(result)
    }
    try OutputFile.write(Data(text.utf8), to: destination.output)
  }
}
