import ArgumentParser
import BulkheadAnalysis
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead rules`: the rule catalog (ids, severities, IEC 62443-3-3 references, rationale, remediation).
struct RulesCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List the assessment rules with their rationale and IEC 62443-3-3 references.")

  @Option(help: "Output format.")
  var format: OutputFormat = .text

  @OptionGroup var destination: OutputOptions

  @OptionGroup var console: ConsoleOptions

  func run() throws {
    let rules = RuleRegistry.descriptions
    switch format {
    case .text: try OutputFile.write(Data(RuleCatalogRenderer().render(rules).utf8), to: destination.output)
    case .json: try destination.write(DeterministicJSON.text(rules))
    }
  }
}
