import Foundation
import Testing

@testable import BulkheadAnalysis

@Suite struct RuleRegistryTests {
  @Test func idsAreUniqueKebabCaseAndAgreeWithTypeNames() {
    var seen: Set<String> = []
    for rule in RuleRegistry.all {
      let id = rule.description.id
      #expect(seen.insert(id).inserted, "duplicate rule id \(id)")
      let typeName = String(describing: rule)
      let expected =
        id.split(separator: "-").map { part -> String in
          // Acronyms stay upper case in type names (DMZBypassRule, SLGapRule).
          ["dmz", "sl"].contains(part) ? part.uppercased() : part.prefix(1).uppercased() + part.dropFirst()
        }.joined() + "Rule"
      #expect(typeName == expected, "rule \(id) is implemented by \(typeName), expected \(expected)")
    }
  }

  @Test func everyRuleFileIsRegistered() throws {
    let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/BulkheadAnalysis/Rules")
    let files = try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)
    let ruleTypes = files.filter { $0.hasSuffix("Rule.swift") && $0 != "AssessmentRule.swift" }
      .map { String($0.dropLast(".swift".count)) }.sorted()
    let registered = RuleRegistry.all.map { String(describing: $0) }.sorted()
    #expect(ruleTypes == registered)
  }

  @Test func everyRuleHasTriggeringAndNonTriggeringExamples() {
    for rule in RuleRegistry.all {
      let triggering = rule.examples.filter { $0.triggers }.count
      let quiet = rule.examples.count - triggering
      #expect(triggering > 0, "\(rule.description.id) has no triggering example")
      #expect(quiet > 0, "\(rule.description.id) has no non-triggering example")
      #expect(!rule.description.requirements.isEmpty)
    }
  }
}
