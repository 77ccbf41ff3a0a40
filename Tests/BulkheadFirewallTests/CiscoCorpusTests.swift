import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The Cisco corpus configs (Batfish grammar tests, Batfish and pybatfish example networks, aerleon output, one lab
/// device): each is recognised as its dialect and every line is interpreted, inside a reported range, or reported at
/// its own line.
@Suite struct CiscoCorpusTests {
  static let corpus = FixturePaths.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

  static func configs(_ vendor: String) -> [String] {
    let folder = corpus.appendingPathComponent("configs/\(vendor)")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
      folder.appendingPathComponent($0).path
    }
  }

  @Test func corpusIsPresentAndListed() throws {
    let manifest = try String(contentsOf: Self.corpus.appendingPathComponent("configs/MANIFEST.tsv"), encoding: .utf8)
    for (vendor, count) in [("cisco-asa", 46), ("cisco-ios", 63)] {
      let configs = Self.configs(vendor)
      #expect(configs.count == count, "\(vendor)")
      for path in configs {
        let name = "configs/\(vendor)/" + URL(fileURLWithPath: path).lastPathComponent
        #expect(manifest.contains(name + "\t"), "\(name) has no MANIFEST.tsv row")
      }
    }
  }

  @Test(arguments: configs("cisco-asa"))
  func asaLinesAreAccountedFor(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(FirewallDialects.detect(text)?.vendor == .ciscoASA)
    let (result, unaccounted) = CiscoASADialect().read(text, file: path)
    #expect(unaccounted.isEmpty, "lines \(unaccounted) of \(path) are not accounted for")
    if result.ruleset == nil {
      #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
    }
    #expect(result.diagnostics.allSatisfy { $0.location.file == path })
  }

  @Test(arguments: configs("cisco-ios"))
  func iosLinesAreAccountedFor(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(FirewallDialects.detect(text)?.vendor == .ciscoIOS)
    let (result, unaccounted) = CiscoIOSDialect().read(text, file: path)
    #expect(unaccounted.isEmpty, "lines \(unaccounted) of \(path) are not accounted for")
    if result.ruleset == nil {
      #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
    }
  }

  /// Batfish's `filterLineReachability` answer for its example network (`basic__filterLineReachability.ref`): the
  /// access-list lines no packet can reach, found by evaluating every access list alone, are exactly the lines
  /// Batfish lists for the routers copied here (node and list named as Batfish names them).
  @Test func unreachableLinesMatchBatfish() throws {
    struct Answer: Decodable {
      struct Row: Decodable {
        var sources: [String]
        var unreachableLine: String
        enum CodingKeys: String, CodingKey {
          case sources = "Sources"
          case unreachableLine = "Unreachable_Line"
        }
      }
      var rows: [Row]
    }
    func normal(_ text: String) -> String { text.split(separator: " ").joined(separator: " ") }
    let data = try Data(
      contentsOf: Self.corpus.appendingPathComponent("baselines/batfish/basic__filterLineReachability.ref"))
    let answer = try #require(try JSONDecoder().decode([Answer].self, from: data).first)
    let prefix = "batfish__example-live__"
    let routers = Self.configs("cisco-ios").filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix(prefix) }
    let nodes = Set(
      routers.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent.dropFirst(prefix.count) })
    var expected: Set<String> = []
    for row in answer.rows {
      for source in row.sources where nodes.contains(Substring(source.prefix { $0 != ":" })) {
        expected.insert("\(source): \(normal(row.unreachableLine))")
      }
    }
    #expect(!expected.isEmpty)
    var found: Set<String> = []
    for path in routers {
      let node = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.dropFirst(prefix.count)
      // A router without any access list is refused (fail closed): it has no line to be unreachable.
      guard let ruleset = FirewallParser.parse(contentsOf: path, vendor: .ciscoIOS).ruleset else { continue }
      let space = PacketSpace(rulesets: [ruleset])
      for table in ruleset.tables where table.name == "ip" {
        for chain in table.chains where chain.hook == nil {
          let evaluator = PolicyEvaluator(space: space, ruleset: ruleset)
          evaluator.record(entry: chain.name)
          for finding in RuleAnalyzer(evaluator: evaluator).analyze(hooks: [])
          where finding.chain == chain.name && (finding.kind == .unreachable || finding.kind == .shadowed) {
            found.insert("\(node): \(chain.name): \(normal(finding.rule.text))")
          }
        }
      }
    }
    #expect(found == expected)
  }
}
