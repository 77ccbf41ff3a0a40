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
    let generator = RandomRulesetGenerator(rules: rules, seed: seed)
    let ruleset = try #require(IptablesParser(file: "random.rules").parse(generator.text()).ruleset)
    let tracer = Tracer(ruleset: ruleset)
    let space = PacketSpace(rulesets: [ruleset], fieldOrder: order)
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    try space.checkBudget()
    // Every witness of every service line is allowed by the tracer, and lies in its line.
    let analyzer = ReachabilityAnalyzer(space: space)
    let scope = space.bdd.and(space.universe, space.family(.v4))
    let services = analyzer.services(
      analyzer.restrict(space.bdd.and(permitted, scope), from: [], to: []),
      whole: analyzer.restrict(scope, from: [], to: []))
    try space.checkBudget()
    #expect(!services.isEmpty)
    for line in services {
      let trace = tracer.trace(line.witness)
      #expect(
        trace.verdict == .allow, "seed \(seed), \(rules) rules, \(order): witness \(line.witness) of \(line.service)")
      #expect(line.protocols.contains(line.witness.proto))
      if let ports = line.ports { #expect(ports.contains(line.witness.destinationPort)) }
    }
    // Probes inside, at the edge of and just outside random rules' matches: the tracer's verdict is the space's.
    var rng = SeededGenerator(seed: seed)
    let forward = ruleset.tables[0].chains.first { $0.name == "FORWARD" }
    let chainRules = try #require(forward?.rules)
    var disagreements: [String] = []
    for i in 0..<1_000 {
      let packet = EngineScaleTests.probe(near: chainRules.randomElement(using: &rng)!, using: &rng)
      let concrete = tracer.trace(packet).verdict == .allow
      let symbolic = space.bdd.and(space.encode(packet), permitted) != BDD.falseNode
      if concrete != symbolic { disagreements.append("probe \(i): \(packet) tracer=\(concrete) space=\(symbolic)") }
    }
    try space.checkBudget()
    #expect(disagreements.isEmpty, "seed \(seed), \(rules) rules, \(order): \(disagreements.prefix(5))")
  }

  /// A packet inside a rule's match, on its edge, or just past it, one field at a time.
  static func probe(near rule: Rule, using rng: inout SeededGenerator) -> Packet {
    var packet = Packet(
      source: IPAddress(v4: UInt32.random(in: 0...UInt32.max, using: &rng)),
      destination: IPAddress(v4: UInt32.random(in: 0...UInt32.max, using: &rng)), proto: 6,
      sourcePort: UInt16.random(in: 0...UInt16.max, using: &rng),
      destinationPort: UInt16.random(in: 0...UInt16.max, using: &rng))
    func pick(_ range: ClosedRange<UInt32>) -> UInt32 {
      switch Int.random(in: 0..<8, using: &rng) {
      case 0: return range.lowerBound
      case 1: return range.upperBound
      case 2: return range.lowerBound &- 1
      case 3: return range.upperBound &+ 1
      default: return UInt32.random(in: range, using: &rng)
      }
    }
    for match in rule.matches {
      switch match {
      case .source(let r, _):
        if let r = r.first { packet.source = IPAddress(v4: pick(r.first.v4Value...r.last.v4Value)) }
      case .destination(let r, _):
        if let r = r.first { packet.destination = IPAddress(v4: pick(r.first.v4Value...r.last.v4Value)) }
      case .proto(let p, _): packet.proto = p.first ?? 6
      case .destinationPort(let r, _):
        if let r = r.first {
          packet.destinationPort = UInt16(truncatingIfNeeded: pick(UInt32(r.lower)...UInt32(r.upper)))
        }
      case .sourcePort(let r, _):
        if let r = r.first { packet.sourcePort = UInt16(truncatingIfNeeded: pick(UInt32(r.lower)...UInt32(r.upper))) }
      default: break
      }
    }
    return packet
  }
}
