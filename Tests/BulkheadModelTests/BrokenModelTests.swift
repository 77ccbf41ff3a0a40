import Foundation
import Testing

@testable import BulkheadModel

/// One broken model per diagnostic code: each fixture's `# expect:` lines are exactly the diagnostics it yields.
@Suite struct BrokenModelTests {
  /// An expected diagnostic: code, and where (file relative to the fixtures directory, line, column).
  struct Expectation: Hashable, CustomStringConvertible {
    var code: String
    var file: String
    var line: Int
    var column: Int

    var description: String { "\(code) \(file):\(line):\(column)" }
  }

  static let fixtureNames: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.modelFixtures)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }()

  /// Parses `# expect: CODE [FILE:]LINE:COLUMN` header lines.
  static func expectations(in text: String, fixture: String) -> [Expectation] {
    text.split(separator: "\n").prefix { $0.hasPrefix("#") }.compactMap { line in
      let words = line.split(separator: " ")
      guard words.count == 4, words[1] == "expect:" else { return nil }
      let parts = words[3].split(separator: ":")
      guard parts.count >= 2, let l = Int(parts[parts.count - 2]), let c = Int(parts[parts.count - 1]) else {
        return nil
      }
      let file = parts.count > 2 ? parts.dropLast(2).joined(separator: ":") : fixture
      return Expectation(code: String(words[2]), file: file, line: l, column: c)
    }
  }

  @Test func everyFixtureIsFound() {
    #expect(BrokenModelTests.fixtureNames.count >= DiagnosticCode.allCases.count - 1)
  }

  @Test(arguments: BrokenModelTests.fixtureNames)
  func fixtureYieldsExactlyItsDiagnostics(name: String) throws {
    let path = TestPaths.modelFixtures + "/" + name
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let expected = BrokenModelTests.expectations(in: text, fixture: name)
    try #require(!expected.isEmpty, "fixture \(name) has no '# expect:' line")
    let today = try #require(CalendarDate(TestPaths.today))
    let model = try ModelLoader().load(path: path, today: today)
    let prefix = TestPaths.modelFixtures + "/"
    let actual = model.diagnostics.map { d in
      Expectation(
        code: d.code,
        file: d.location.file.hasPrefix(prefix) ? String(d.location.file.dropFirst(prefix.count)) : d.location.file,
        line: d.location.line, column: d.location.column)
    }
    #expect(Set(actual) == Set(expected), "\(name): \(model.diagnostics.map(\.description).joined(separator: "\n"))")
  }

  /// Every code except BH001 (a model that cannot be read at all, tested below) has a fixture named after it.
  @Test(arguments: DiagnosticCode.allCases.filter { $0 != .unreadableFile })
  func everyCodeHasAFixture(code: DiagnosticCode) throws {
    let fixture = try #require(
      BrokenModelTests.fixtureNames.first { $0.hasPrefix(code.code.lowercased() + "-") },
      "no fixture for \(code.code)")
    let text = try String(contentsOfFile: TestPaths.modelFixtures + "/" + fixture, encoding: .utf8)
    #expect(BrokenModelTests.expectations(in: text, fixture: fixture).contains { $0.code == code.code })
  }

  @Test func unreadableModelThrowsBH001() {
    #expect(throws: ModelLoadError.notFound("/nonexistent/bulkhead.yaml")) {
      try ModelLoader().load(path: "/nonexistent/bulkhead.yaml")
    }
    #expect(throws: ModelLoadError.noModelInDirectory(TestPaths.modelFixtures + "/files")) {
      try ModelLoader().load(path: TestPaths.modelFixtures + "/files")
    }
    #expect(ModelLoadError.notFound("x").diagnostic.code == "BH001")
  }

  @Test func severityOfEachDiagnosticMatchesItsCode() throws {
    let today = try #require(CalendarDate(TestPaths.today))
    for name in BrokenModelTests.fixtureNames {
      let model = try ModelLoader().load(path: TestPaths.modelFixtures + "/" + name, today: today)
      for diagnostic in model.diagnostics {
        let code = try #require(DiagnosticCode(rawValue: diagnostic.code))
        #expect(diagnostic.severity == code.severity, "\(diagnostic)")
      }
    }
  }
}
