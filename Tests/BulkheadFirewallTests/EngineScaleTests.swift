import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// Issue 23.4: the packet-space engine is never silently wrong at any size, and refuses clearly when an exact answer
/// does not fit its memory budget.
@Suite struct EngineScaleTests {
  /// Rules in the randomized agreement test: a debug-build size for `swift test`; the 10k and 100k cases run in the
  /// release benchmark (`bulkhead bench firewall --shape random --rules 100000`, same checks, printed figures), or
  /// here with `BULKHEAD_ENGINE_RULES=N`.
  static let agreementRules = ProcessInfo.processInfo.environment["BULKHEAD_ENGINE_RULES"].flatMap { Int($0) } ?? 1_500

  /// The root cause of the wrong 100k-rule answer: the unique table packed (variable, low, high) into 64 bits with
  /// 27 bits per child, so once node ids passed 2^27 (134 M nodes, ~11 GB) two different nodes had the same key
  /// and `make` returned the wrong one. `make(3, 0, 2^27)` and `make(3, 1, 0)` had the same key
  /// (`3 << 54 | 1 << 27`). The table now holds node ids and compares the nodes themselves.
  @Test func nodeIDsAboveTwoToThe27thNeverAlias() {
    let first = 1 << 27
    let bdd = BDD(variableCount: 16, memoryLimit: 4 << 30, firstNode: first)
    let a = bdd.make(5, low: BDD.falseNode, high: BDD.trueNode)
    #expect(Int(a) == first)
    let b = bdd.make(3, low: BDD.falseNode, high: a)
    let c = bdd.make(3, low: BDD.trueNode, high: BDD.falseNode)
    #expect(b != c)
    #expect(bdd.low(b) == BDD.falseNode && bdd.high(b) == a)
    #expect(bdd.low(c) == BDD.trueNode && bdd.high(c) == BDD.falseNode)
    // Same sets, same nodes; different sets, different nodes, far above 2^27.
    #expect(bdd.make(3, low: BDD.falseNode, high: a) == b)
    #expect(bdd.and(b, c) == BDD.falseNode)
    #expect(bdd.or(b, c) != BDD.trueNode)
    #expect(!bdd.isOverBudget)
  }

  /// Node ids are 32-bit: the last one is refused as over budget, never wrapped.
  @Test func lastNodeIDIsARefusalNotAWrap() {
    let bdd = BDD(variableCount: 16, memoryLimit: .max, firstNode: Int(Int32.max) - 2)
    let a = bdd.literal(1)
    let b = bdd.literal(2)
    #expect(a > 0 && b > a && !bdd.isOverBudget)
    _ = bdd.literal(3)
    #expect(bdd.isOverBudget)
  }

  /// A budget too small for the exact answer is a refusal with the figure and the option to raise it.
  @Test func overBudgetIsAClearRefusal() throws {
    let ruleset = try #require(
      IptablesParser(file: "random.rules").parse(RandomRulesetGenerator(rules: 1_500, seed: 7).text()).ruleset)
    #expect(throws: PacketSpaceOverBudget(memoryLimit: 8 << 20)) {
      try ReachReport(ruleset: ruleset, chain: "forward", from: [], to: [], analyzeRules: false, memoryLimit: 8 << 20)
    }
    #expect(
      PacketSpaceOverBudget(memoryLimit: 8 << 20).description
        == "ruleset too large for an exact answer within 8 MB (raise with --max-memory)")
    // With room, the same ruleset is answered.
    let report = try ReachReport(ruleset: ruleset, chain: "forward", from: [], to: [], analyzeRules: false)
    #expect(!report.services.isEmpty)
  }

  /// Issue 23 row 5: a chain of 10k jumps is cut at the depth limit, and reach says so as trace does.
  @Test func deepJumpChainIsNotedByReach() throws {
    var lines = ["*filter", ":FORWARD DROP [0:0]"]
    let depth = 10_000
    for i in 0..<depth { lines.append(":C\(i) - [0:0]") }
    lines.append("-A FORWARD -p tcp -j C0")
    for i in 0..<(depth - 1) { lines.append("-A C\(i) -j C\(i + 1)") }
    lines.append("-A C\(depth - 1) -j ACCEPT")
    lines.append("COMMIT")
    let ruleset = try #require(IptablesParser(file: "deep.rules").parse(lines.joined(separator: "\n")).ruleset)
    let report = try ReachReport(ruleset: ruleset, chain: "forward", from: [], to: [], analyzeRules: false)
    #expect(report.notes.contains { $0.contains("jump depth above 64") })
    let probe = Packet(
      source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!, proto: 6, destinationPort: 502)
    let trace = Tracer(ruleset: ruleset).trace(probe)
    #expect(trace.notes.contains { $0.contains("jump depth above 64") })
    #expect((trace.verdict == .allow) == report.services.contains { $0.protocols.contains(6) })
  }

  /// A rule behind rules that already decide all its packets is left out of the fold, and the answer is the same.
  @Test func deadRulesAreSkippedWithoutChangingTheAnswer() throws {
    let text = """
      *filter
      :FORWARD DROP [0:0]
      -A FORWARD -s 10.0.0.0/8 -p tcp -j ACCEPT
      -A FORWARD -p tcp -j DROP
      -A FORWARD -s 10.1.0.0/16 -p tcp --dport 22 -j ACCEPT
      -A FORWARD -p udp --dport 53 -j ACCEPT
      -A FORWARD -p udp -j ACCEPT
      COMMIT
      """
    let ruleset = try #require(IptablesParser(file: "dead.rules").parse(text).ruleset)
    let space = PacketSpace(rulesets: [ruleset])
    let evaluator = PolicyEvaluator(space: space, ruleset: ruleset)
    let forward = try #require(ruleset.tables[0].chains.firstIndex { $0.name == "FORWARD" })
    #expect(evaluator.liveRules(table: 0, chain: forward) == [0, 1, 3, 4])
    let permitted = evaluator.permitted(entry: "forward")
    let tcp10 = space.bdd.and(
      space.protocols([6]), space.addresses([AddressRange(IPNetwork("10.0.0.0/8")!)], source: true))
    let udp = space.protocols([17])
    #expect(
      space.bdd.and(permitted, space.family(.v4))
        == space.bdd.and(space.bdd.or(tcp10, udp), space.bdd.and(space.universe, space.family(.v4))))
  }

  /// Issue 23.4: `reach` and `trace` agree on every witness and on random probes, on random rulesets, in both field
  /// orders (services first only at a small size: with many port ranges it is the order that blows up).
  @Test(arguments: [PacketLayout.FieldOrder.addressesFirst, .servicesFirst])
  func reachAndTraceAgreeOnRandomRules(order: PacketLayout.FieldOrder) throws {
    let rules = order == .addressesFirst ? EngineScaleTests.agreementRules : 300
    let seed: UInt64 = 2_023
    let ruleset = try #require(
      IptablesParser(file: "random.rules").parse(RandomRulesetGenerator(rules: rules, seed: seed).text()).ruleset)
    let check = try EngineAgreement(ruleset: ruleset, probes: 1_000, seed: seed, fieldOrder: order)
    #expect(check.serviceLines > 0 && check.probes == 1_000)
    // Probes land on both sides of the answer, so agreeing is not trivial.
    #expect(check.allowedProbes > 100 && check.allowedProbes < 900, "\(check.allowedProbes) of 1000 allowed")
    #expect(check.wrongWitnesses.isEmpty, "seed \(seed), \(rules) rules, \(order): \(check.wrongWitnesses.prefix(5))")
    #expect(check.disagreements.isEmpty, "seed \(seed), \(rules) rules, \(order): \(check.disagreements.prefix(5))")
  }
}
