import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// Every real config in the corpus subset parses without a crash, and every rule line is accounted for: it became a
/// rule with that line, or a diagnostic names the line (or the whole file was refused with an error).
@Suite struct CorpusTests {
  /// The files of a corpus folder; none when it is missing, which `corpusIsPresent` reports as a failure.
  private static func files(_ relative: String) -> [URL] {
    let dir = FixturePaths.corpus.appendingPathComponent(relative)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.sorted().map { dir.appendingPathComponent($0) }
  }

  @Test func corpusIsPresent() throws {
    let corpus = FixturePaths.corpus
    #expect(FileManager.default.fileExists(atPath: corpus.appendingPathComponent("configs/iptables").path))
    #expect(Self.files("configs/iptables").count >= 39)
    #expect(Self.files("baselines/nftables-rs").filter { $0.pathExtension == "json" }.count >= 9)
  }

  @Test(arguments: files("configs/iptables"))
  func iptablesFullAccounting(file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let result = FirewallParser.parse(text: text, file: file.lastPathComponent, vendor: .iptables)
    let diagnosedLines = Set(result.diagnostics.map(\.location.line))
    guard let ruleset = result.ruleset else {
      #expect(result.diagnostics.contains { $0.severity == .error }, "refused without an error")
      return
    }
    var ruleLines: Set<Int> = []
    for table in ruleset.tables {
      for chain in table.chains { for rule in chain.rules { ruleLines.insert(rule.provenance.line) } }
    }
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("*"), !trimmed.hasPrefix("COMMIT"),
        !trimmed.hasPrefix(":"), !trimmed.hasPrefix("-N "), !trimmed.hasPrefix("-P "),
        !trimmed.hasPrefix("--new-chain"), !trimmed.hasPrefix("--policy"), !trimmed.allSatisfy(\.isWhitespace)
      else { continue }
      let number = index + 1
      #expect(
        ruleLines.contains(number) || diagnosedLines.contains(number),
        "\(file.lastPathComponent):\(number) neither parsed nor diagnosed: \(line)")
    }
  }

  @Test(arguments: files("baselines/nftables-rs").filter { $0.pathExtension == "json" })
  func nftablesJSONFullAccounting(file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let result = FirewallParser.parse(text: text, file: file.lastPathComponent)
    // Every rule object of the JSON becomes at least one IR rule (with its handle), diagnosed or not.
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let items = try #require(object["nftables"] as? [Any])
    let handles = items.compactMap { (($0 as? [String: Any])?["rule"] as? [String: Any])?["handle"] as? Int }
    guard let ruleset = result.ruleset else {
      #expect(result.diagnostics.contains { $0.severity == .error }, "refused without an error")
      return
    }
    #expect(ruleset.vendor == .nftables)
    var seen: Set<Int> = []
    for table in ruleset.tables {
      for chain in table.chains { for rule in chain.rules { if let h = rule.provenance.handle { seen.insert(h) } } }
    }
    // Handles are unique per table, so compare as multisets of (handle) presence.
    for handle in handles { #expect(seen.contains(handle), "\(file.lastPathComponent): rule handle \(handle) lost") }
    // The symbolic engine runs on every one of them without trouble.
    let space = PacketSpace(rulesets: [ruleset])
    let evaluator = PolicyEvaluator(space: space, ruleset: ruleset)
    _ = RuleAnalyzer(evaluator: evaluator).analyze()
  }

  /// Every nft text file in the corpus: parsed (or refused with an error), and every rule line of every chain
  /// became a rule with that line or has a diagnostic on it.
  @Test(arguments: files("configs/nftables"))
  func nftablesTextFullAccounting(file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let result = FirewallParser.parse(text: text, file: file.lastPathComponent, vendor: .nftables)
    guard let ruleset = result.ruleset else {
      #expect(result.diagnostics.contains { $0.severity == .error }, "refused without an error")
      return
    }
    var ruleLines: Set<Int> = []
    for table in ruleset.tables {
      for chain in table.chains { for rule in chain.rules { ruleLines.insert(rule.provenance.line) } }
    }
    let diagnosed = Set(result.diagnostics.map(\.location.line))
    for lines in NftSourceLines(text: text).lines.values {
      for line in lines {
        #expect(ruleLines.contains(line) || diagnosed.contains(line), "\(file.lastPathComponent):\(line) lost")
      }
    }
  }

  /// The text parser and real `nft -j` output (nftables-rs baselines) describe the same firewall: for every hook,
  /// the exact permitted packet sets are the same BDD node.
  @Test(arguments: files("baselines/nftables-rs").filter { $0.pathExtension == "json" })
  func nftablesTextAgreesWithJSON(json: URL) throws {
    let corpus = FixturePaths.corpus
    let stem = json.deletingPathExtension().lastPathComponent
    let textFile = corpus.appendingPathComponent("configs/nftables/nftables-rs__\(stem).nft")
    let fromJSON = FirewallParser.parse(text: try String(contentsOf: json, encoding: .utf8), file: "j")
    let fromText = FirewallParser.parse(
      text: try String(contentsOf: textFile, encoding: .utf8), file: "t", vendor: .nftables)
    guard let a = fromJSON.ruleset, let b = fromText.ruleset else {
      #expect((fromJSON.ruleset == nil) == (fromText.ruleset == nil), "\(stem): one parsed, the other not")
      return
    }
    let space = PacketSpace(rulesets: [a, b])
    for hook in ["input", "forward", "output"] {
      let pa = PolicyEvaluator(space: space, ruleset: a).permitted(entry: hook)
      let pb = PolicyEvaluator(space: space, ruleset: b).permitted(entry: hook)
      #expect(pa == pb, "\(stem) \(hook): text and JSON disagree")
    }
  }
}
