import ArgumentParser
import BulkheadAnalysis
import BulkheadReport
import Foundation

/// `bulkhead rules`: the rule catalog (ids, severities, IEC 62443-3-3 references, rationale, remediation).
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List the assessment rules with their rationale and IEC 62443-3-3 references.")

  func run() throws {
    try Console.write(Data(RuleCatalogRenderer().render(RuleRegistry.descriptions).utf8))
  }
}
