import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// One example of one rule, named for the test list.
struct RuleExampleCase: Sendable, CustomTestStringConvertible {
  var ruleID: String
  var example: RuleExample

  var testDescription: String { "\(ruleID): \(example.triggers ? "triggers" : "quiet") — \(example.name)" }

  static var all: [RuleExampleCase] {
    RuleRegistry.all.flatMap { rule in rule.examples.map { RuleExampleCase(ruleID: rule.description.id, example: $0) } }
  }
}

/// Runs every rule's triggering and non-triggering example plants through the whole assessment (model loading,
/// firewall engine, observations, reconciliation) and checks the rule's findings and where they point.
@Suite struct RuleExampleTests {
  @Test(arguments: RuleExampleCase.all)
  func example(_ testCase: RuleExampleCase) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-rule-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (path, contents) in testCase.example.files {
      try Data(contents.utf8).write(to: directory.appendingPathComponent(path))
    }
    let today = try #require(CalendarDate(testCase.example.today))
    let loaded = try ModelLoader().load(path: directory.path, today: today)
    #expect(loaded.errorCount == 0, "example model has errors: \(loaded.diagnostics)")
    let result = Assessor(today: today, toolVersion: "test").assess(loaded)
    let prefix = directory.path + "/"
    let locations = result.findings.filter { $0.ruleID == testCase.ruleID }.map { finding in
      let text = finding.location.description
      return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
    #expect(locations == testCase.example.expectedLocations)
  }
}
