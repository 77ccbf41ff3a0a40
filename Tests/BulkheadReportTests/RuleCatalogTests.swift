import BulkheadAnalysis
import Foundation
import Testing

@testable import BulkheadReport

@Suite struct RuleCatalogTests {
  @Test func docsRulesIsTheGeneratedCatalog() throws {
    let path = SchemaCheck.packageRoot.appendingPathComponent("docs/rules.md")
    let onDisk = try String(contentsOf: path, encoding: .utf8)
    #expect(
      onDisk == RuleCatalogRenderer().render(RuleRegistry.descriptions), "regenerate: bulkhead rules > docs/rules.md")
  }
}
