import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The benchmark's plant-shaped rulesets (``RulesetGenerator``): one plan written as iptables, FortiGate and PAN-OS
/// means the same packets in each, and the tracer's path-free walk (``InterfaceDispatch``) decides every packet as
/// the full walk does. The 10k-rule figures are the release benchmark's (`bulkhead bench firewall --dialect D`).
@Suite struct GeneratedPlantTests {
  static let generator = RulesetGenerator(rules: 400, zones: 5, seed: 16)

  static func parse(_ dialect: RulesetGenerator.Dialect, plan: [GeneratedRule]) throws -> Ruleset {
    let text = generator.text(dialect, plan: plan)
    let result = FirewallParser.parse(
      text: text, file: "generated.\(dialect.rawValue)", vendor: FirewallVendor(rawValue: dialect.rawValue))
    let ruleset = try #require(result.ruleset, "\(dialect): \(result.diagnostics)")
    let problems = ruleset.diagnostics.filter { $0.severity != .note }
    #expect(problems.isEmpty, "\(dialect): \(problems.prefix(5))")
    return ruleset
  }

  /// New IPv4 connections between every ordered zone pair, as exact sets in one packet space: equal nodes are equal
  /// sets. (IPv6 differs by design: the iptables file is not an ip6tables file, so netfilter passes IPv6
  /// unfiltered, where the vendors' default deny drops it.)
  @Test func oneplanMeansTheSamePacketsInEveryDialect() throws {
    let plan = Self.generator.plan(for: .fortigate)
    #expect(plan.filter { $0.action != .log }.count == 400)
    #expect(plan.contains { $0.action == .log } && plan.contains { $0.sourceNegated })
    let dialects = RulesetGenerator.Dialect.allCases
    let rulesets = try dialects.map { try Self.parse($0, plan: plan) }
    let names = dialects.flatMap { d in (0..<Self.generator.zones).map { Self.generator.interface($0, dialect: d) } }
    let space = PacketSpace(rulesets: rulesets, extraInterfaces: names)
    let bdd = space.bdd
    let fresh = bdd.and(space.family(.v4), space.value(UInt64(ConnectionState.new.code), in: space.layout.state))
    let permitted = rulesets.map { PolicyEvaluator(space: space, ruleset: $0).permitted(entry: "forward") }
    var open = 0
    for a in 0..<Self.generator.zones {
      for b in 0..<Self.generator.zones where a != b {
        var sets: [BDD.Node] = []
        for (k, dialect) in dialects.enumerated() {
          let i = space.interfaces.classOf(Self.generator.interface(a, dialect: dialect))
          let o = space.interfaces.classOf(Self.generator.interface(b, dialect: dialect))
          let entering = bdd.cofactor(permitted[k], block: space.layout.inInterface, value: UInt64(i))
          let through = bdd.cofactor(entering, block: space.layout.outInterface, value: UInt64(o))
          let universe = bdd.cofactor(
            bdd.cofactor(space.universe, block: space.layout.inInterface, value: UInt64(i)),
            block: space.layout.outInterface, value: UInt64(o))
          sets.append(bdd.and(through, bdd.and(universe, fresh)))
        }
        if sets[0] != BDD.falseNode { open += 1 }
        for (k, dialect) in dialects.enumerated().dropFirst() where sets[k] != sets[0] {
          let extra = space.witness(bdd.diff(sets[k], sets[0])).map(\.description) ?? "-"
          let missing = space.witness(bdd.diff(sets[0], sets[k])).map(\.description) ?? "-"
          Issue.record("zone\(a) -> zone\(b): \(dialect) allows \(extra) beyond iptables, not \(missing)")
        }
      }
    }
    #expect(open == 20, "every pair has accepting rules")
  }

  /// The iptables plan is the one the benchmark always drew: the same seed, the same first rules, LOG lines counted.
  @Test func iptablesPlanCountsEveryLine() {
    let generator = RulesetGenerator(rules: 1_000, zones: 4, seed: 3)
    let iptables = generator.plan(for: .iptables)
    #expect(iptables.count == 1_000 - 2 - 12)
    let vendor = generator.plan(for: .paloalto)
    #expect(Array(vendor.prefix(iptables.count)) == iptables)
    #expect(vendor.filter { $0.action != .log }.count == 1_000)
  }

  /// Path-free traces (interface-indexed walk) give the full walk's verdict, rule, chain and notes, on the generated
  /// rulesets of every dialect and on every vendor fixture, for seeded packets over each ruleset's interfaces.
  @Test func pathFreeTraceDecidesAsTheFullWalk() throws {
    var rulesets: [(String, Ruleset)] = []
    let plan = Self.generator.plan(for: .fortigate)
    for dialect in RulesetGenerator.Dialect.allCases {
      rulesets.append((dialect.rawValue, try Self.parse(dialect, plan: plan)))
    }
    for fixture in [
      "fortigate/plant-boundary.conf", "paloalto/plant-boundary.set", "paloalto/plant-boundary.xml",
      "juniper-srx/plant-boundary.conf", "cisco-asa/ot-boundary.cfg", "cisco-ios/cell-router.cfg",
      "iptables/negation-interfaces.rules", "iptables/chains-jump-goto-return.rules", "nftables/forward-basic.nft",
    ] {
      let result = FirewallParser.parse(contentsOf: FixturePaths.fixture(fixture), vendor: .auto)
      rulesets.append((fixture, try #require(result.ruleset, "\(fixture)")))
    }
    var indexed = 0
    var rng = SeededGenerator(seed: 1616)
    for (name, ruleset) in rulesets {
      let tracer = Tracer(ruleset: ruleset)
      indexed += ruleset.tables.flatMap(\.chains).filter { InterfaceDispatch($0) != nil }.count
      var interfaces: [String?] = [nil, "unnamed0"]
      var addresses: [IPAddress] = []
      for rule in ruleset.tables.flatMap(\.chains).flatMap(\.rules) {
        for match in rule.matches {
          switch match {
          case .inInterface(let p, _), .outInterface(let p, _):
            interfaces += p.map { $0.isWildcard ? $0.name + "9" : $0.name }
          case .source(let r, _), .destination(let r, _): addresses += r.flatMap { [$0.first, $0.last] }
          default: break
          }
        }
      }
      for zone in ruleset.zones { interfaces += zone.interfaces }
      addresses += [IPAddress("10.0.0.1")!, IPAddress("fd00::1")!]
      let states: [ConnectionState] = [.new, .new, .new, .established, .invalid]
      for _ in 0..<600 {
        let packet = Packet(
          source: addresses.randomElement(using: &rng)!, destination: addresses.randomElement(using: &rng)!,
          proto: [6, 17, 1, 6].randomElement(using: &rng)!, sourcePort: UInt16.random(in: 1024...65535, using: &rng),
          destinationPort: [502, 102, 44818, 2222, 443, 22, 80, 8050, 35000, 60000].randomElement(using: &rng)!,
          inInterface: interfaces.randomElement(using: &rng)!, outInterface: interfaces.randomElement(using: &rng)!,
          state: states.randomElement(using: &rng)!)
        let full = tracer.trace(packet)
        let fast = tracer.trace(packet, recordingPath: false)
        #expect(fast.path.isEmpty)
        #expect(
          fast.verdict == full.verdict && fast.rule == full.rule && fast.chain == full.chain
            && fast.notes == full.notes, "\(name): \(packet): full \(full.verdict) \(full.rule?.locationText ?? "-")")
      }
    }
    #expect(indexed >= 2, "the generated FortiGate and PAN-OS policy lists are indexed")
  }

  /// The permitted set folded one interface pair at a time is the plain fold's node, on the generated rulesets (the
  /// FortiGate and PAN-OS ones are folded by pair) and on every vendor fixture with 64 rules or more in a chain.
  @Test func pairFoldIsThePlainFold() throws {
    let plan = RulesetGenerator(rules: 900, zones: 6, seed: 7).plan(for: .fortigate)
    var folded = 0
    for dialect in RulesetGenerator.Dialect.allCases {
      let generator = RulesetGenerator(rules: 900, zones: 6, seed: 7)
      let text = generator.text(dialect, plan: plan)
      let ruleset = try #require(
        FirewallParser.parse(text: text, file: "g", vendor: FirewallVendor(rawValue: dialect.rawValue)).ruleset)
      let space = PacketSpace(rulesets: [ruleset])
      let plain = PolicyEvaluator(space: space, ruleset: ruleset)
      plain.foldsByInterfacePair = false
      let byPair = PolicyEvaluator(space: space, ruleset: ruleset)
      #expect(plain.permitted(entry: "forward") == byPair.permitted(entry: "forward"), "\(dialect)")
      for (t, table) in ruleset.tables.enumerated() {
        for c in table.chains.indices
        where byPair.acceptedByInterfacePair(table: t, chain: c, continuation: BDD.falseNode) != nil {
          folded += 1
          #expect(
            byPair.acceptedByInterfacePair(table: t, chain: c, continuation: BDD.falseNode)
              == plain.accepted(table: t, chain: c, continuation: BDD.falseNode, depth: 0), "\(dialect)")
        }
      }
    }
    #expect(folded >= 2, "the FortiGate and PAN-OS policy lists are folded by pair")
  }

  /// The same on every corpus configuration of every vendor (real exports: zones with several members, negated and
  /// wildcard interfaces, service-negate jumps, VDOMs and vsys): wherever a chain is folded by pair, the node is the
  /// plain fold's, and so is the file's permitted set.
  @Test func pairFoldIsThePlainFoldOnTheCorpus() throws {
    let root = FixturePaths.corpus.appendingPathComponent("configs")
    let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
      .filter { !$0.hasSuffix(".tsv") && !$0.hasSuffix(".md") }.sorted()
    var parsed = 0
    var folded = 0
    for file in files {
      let path = root.appendingPathComponent(file).path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        let ruleset = FirewallParser.parse(contentsOf: path, vendor: .auto).ruleset
      else { continue }
      parsed += 1
      let space = PacketSpace(rulesets: [ruleset])
      let plain = PolicyEvaluator(space: space, ruleset: ruleset)
      plain.foldsByInterfacePair = false
      let byPair = PolicyEvaluator(space: space, ruleset: ruleset)
      let before = folded
      for (t, table) in ruleset.tables.enumerated() {
        for c in table.chains.indices where table.chains[c].rules.count >= InterfaceDispatch.minimumRules {
          for continuation in [BDD.falseNode, BDD.trueNode] {
            guard let split = byPair.acceptedByInterfacePair(table: t, chain: c, continuation: continuation) else {
              continue
            }
            folded += 1
            #expect(split == plain.accepted(table: t, chain: c, continuation: continuation, depth: 0), "\(file)")
          }
        }
      }
      if folded > before {
        #expect(plain.permitted(entry: "forward") == byPair.permitted(entry: "forward"), "\(file)")
      }
    }
    #expect(parsed > 300 && folded > 0)
    print("pair fold on the corpus: \(parsed) configurations, \(folded) chain folds compared")
  }
}
