import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The config.xml reader on damaged input (STYLE.md: fuzz what parses bytes): seeded mutations of the fixtures
/// (cuts, duplicated and deleted spans, stray markup characters, truncation) never crash the reader, the lowering
/// or the engine, and every diagnostic names the file and a line inside it.
@Suite struct PfSenseFuzzTests {
  static let fixtures = ["pfsense/plant-boundary.xml", "pfsense/opnsense-cell.xml"]
  static let alphabet = Array("<>/&;\"'=! \n\tx0-:.")

  static func mutate(_ text: [Character], _ rng: inout SeededGenerator) -> [Character] {
    var s = text
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      guard !s.isEmpty else { break }
      let at = Int.random(in: 0..<s.count, using: &rng)
      let length = min(Int.random(in: 1...40, using: &rng), s.count - at)
      switch Int.random(in: 0..<5, using: &rng) {
      case 0: s.removeSubrange(at..<(at + length))
      case 1: s.insert(contentsOf: s[at..<(at + length)], at: at)
      case 2: s.insert(alphabet.randomElement(using: &rng) ?? "<", at: at)
      case 3: s = Array(s[..<at])
      default: s[at] = alphabet.randomElement(using: &rng) ?? ">"
      }
    }
    return s
  }

  @Test(arguments: fixtures)
  func mutatedConfigsNeverCrashAndAlwaysSayWhere(fixture: String) throws {
    let original = Array(try String(contentsOfFile: FixturePaths.fixture(fixture), encoding: .utf8))
    var rng = SeededGenerator(seed: 16)
    var parsed = 0
    var refused = 0
    for round in 0..<400 {
      let text = String(Self.mutate(original, &rng))
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
      let result = FirewallParser.parse(text: text, file: "m.xml", vendor: .pfsense)
      for diagnostic in result.diagnostics {
        #expect(diagnostic.location.file == "m.xml")
        #expect((0...lines).contains(diagnostic.location.line), "round \(round): \(diagnostic)")
      }
      guard let ruleset = result.ruleset else {
        refused += 1
        #expect(result.diagnostics.contains { $0.severity == .error }, "round \(round): refused without an error")
        continue
      }
      parsed += 1
      if round % 20 == 0 {
        let space = PacketSpace(rulesets: [ruleset])
        _ = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
      }
    }
    // Both outcomes occur, so the mutations reach past the XML layer and also break it.
    #expect(parsed > 0 && refused > 0, "parsed \(parsed), refused \(refused)")
  }
}
