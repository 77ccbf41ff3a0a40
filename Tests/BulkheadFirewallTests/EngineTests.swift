import BulkheadModel
import Testing

@testable import BulkheadFirewall

@Suite struct EngineTests {
  private func ruleset(_ relative: String) throws -> Ruleset {
    let result = FirewallParser.parse(contentsOf: FixturePaths.fixture(relative))
    return try #require(result.ruleset, "\(relative): \(result.diagnostics)")
  }

  @Test func bddRangesRoundTrip() {
    let bdd = BDD(variableCount: 16)
    func bits(_ v: UInt64) -> (Int) -> Bool { { (v >> UInt64(15 - $0)) & 1 == 1 } }
    let a = bdd.range(start: 0, width: 16, lower: bits(1000), upper: bits(2000))
    let b = bdd.range(start: 0, width: 16, lower: bits(1500), upper: bits(3000))
    #expect(bdd.intervals(a, start: 0, width: 16) == [1000...2000])
    #expect(bdd.intervals(bdd.and(a, b), start: 0, width: 16) == [1500...2000])
    #expect(bdd.intervals(bdd.or(a, b), start: 0, width: 16) == [1000...3000])
    #expect(bdd.intervals(bdd.diff(a, b), start: 0, width: 16) == [1000...1499])
    #expect(bdd.intervals(bdd.not(a), start: 0, width: 16) == [0...999, 2001...65535])
    #expect(bdd.or(a, bdd.not(a)) == BDD.trueNode)
    // Hash-consing: the same set built twice is the same node.
    #expect(bdd.range(start: 0, width: 16, lower: bits(1000), upper: bits(2000)) == a)
  }

  @Test func tracerFollowsJumpGotoAndReturn() throws {
    let rs = try ruleset("iptables/chains-jump-goto-return.rules")
    let tracer = Tracer(ruleset: rs)
    func packet(_ src: String, _ proto: UInt8, _ dport: UInt16) -> Packet {
      Packet(source: IPAddress(src)!, destination: IPAddress("10.50.11.10")!, proto: proto, destinationPort: dport)
    }
    let vendor = tracer.trace(packet("10.20.30.40", 6, 502))
    #expect(vendor.verdict == .allow)
    #expect(vendor.rule?.line == 11)
    #expect(vendor.path.map(\.rule.line) == [7, 11])
    // RETURN from VENDOR continues in FORWARD after the jump: line 10 accepts tcp/80.
    let web = tracer.trace(packet("10.20.1.1", 6, 80))
    #expect(web.verdict == .allow && web.rule?.line == 10)
    #expect(web.path.map(\.rule.line) == [7, 11, 12, 8, 9, 10])
    // goto: falling off GOTO_T returns to FORWARD's caller, i.e. the policy (line 9 is never evaluated).
    let gotoDeny = tracer.trace(packet("10.30.0.1", 6, 22))
    #expect(gotoDeny.verdict == .deny && gotoDeny.rule == nil)
    #expect(!gotoDeny.path.map(\.rule.line).contains(9))
    #expect(tracer.trace(packet("10.30.0.1", 17, 53)).rule?.line == 13)
  }

  /// The concrete tracer and the symbolic engine must agree on every packet (two implementations, one semantics).
  @Test(arguments: [
    "iptables/chains-jump-goto-return.rules", "iptables/negation-interfaces.rules", "iptables/ports-multiport.rules",
    "iptables/iprange-state-comment.rules", "iptables/counters-icmp-log.rules", "iptables/shadowed.rules",
    "iptables/set-unsupported.rules", "nftables/forward-basic.json", "nftables/sets-and-vmap.json",
    "nftables/jump-goto.json",
  ])
  func tracerAgreesWithPacketSpace(fixture: String) throws {
    let rs = try ruleset(fixture)
    let space = PacketSpace(rulesets: [rs], extraInterfaces: ["eth0", "eth7", "ot0", "ent0", "lo", "wan0"])
    let permitted = PolicyEvaluator(space: space, ruleset: rs).permitted(entry: "forward")
    let tracer = Tracer(ruleset: rs)
    let seed: UInt64 = 20_261_127
    var rng = SeededGenerator(seed: seed)
    let addresses = [
      "10.0.0.5", "10.0.0.10", "10.1.2.3", "10.9.9.9", "10.20.30.40", "10.20.1.7", "10.20.2.9", "10.30.0.1",
      "10.50.11.10", "10.50.12.15", "10.50.13.1", "172.16.10.10", "172.16.10.30", "192.168.1.1", "8.8.8.8",
    ]
    let v6 = ["2001:db8::1", "2001:db9::1", "fe80::1"]
    let ports: [UInt16] = [
      0, 20, 21, 22, 23, 53, 80, 102, 161, 162, 443, 502, 999, 1000, 1024, 2000, 3389, 8080, 65535,
    ]
    let protos: [UInt8] = [1, 6, 17, 58, 47, 132]
    let names = ["eth0", "eth7", "ot0", "ent0", "lo", "wan0", "other9"]
    for i in 0..<400 {
      let useV6 = i % 7 == 0
      let pool = useV6 ? v6 : addresses
      var p = Packet(
        source: IPAddress(pool.randomElement(using: &rng)!)!, destination: IPAddress(pool.randomElement(using: &rng)!)!,
        proto: protos.randomElement(using: &rng)!, inInterface: names.randomElement(using: &rng),
        outInterface: names.randomElement(using: &rng), state: ConnectionState.allCases.randomElement(using: &rng)!)
      if p.hasPorts {
        p.sourcePort = ports.randomElement(using: &rng)!
        p.destinationPort = ports.randomElement(using: &rng)!
      }
      if p.isICMP {
        p.icmpType = [0, 3, 8, 128].randomElement(using: &rng)!
        p.icmpCode = UInt8.random(in: 0...3, using: &rng)
      }
      let concrete = tracer.trace(p).verdict == .allow
      let symbolic = space.bdd.and(space.encode(p), permitted) != BDD.falseNode
      #expect(concrete == symbolic, "seed \(seed) packet \(i): \(p) tracer=\(concrete) space=\(symbolic)")
    }
  }

  @Test func shadowedAndRedundantRules() throws {
    let rs = try ruleset("iptables/shadowed.rules")
    let space = PacketSpace(rulesets: [rs])
    let findings = RuleAnalyzer(evaluator: PolicyEvaluator(space: space, ruleset: rs)).analyze()
    let shadowed = findings.filter { $0.kind == .shadowed }
    #expect(shadowed.map(\.rule.line) == [4])
    #expect(shadowed.first?.shadowedBy.map(\.line) == [3])
    // Line 3 accepts what the final accept-all would accept anyway.
    #expect(findings.contains { $0.kind == .redundant && $0.rule.line == 3 })
    // Line 5 drops telnet from 10.20.2.0/24: it matters (the last rule would accept), so it is not redundant.
    #expect(!findings.contains { $0.rule.line == 5 && $0.kind == .redundant })
    let broad = Set(findings.filter { $0.rule.line == 6 }.map(\.kind))
    #expect(broad == [.anySource, .anyDestination, .anyService])
  }

  @Test func servicesWithWitnesses() throws {
    let rs = try ruleset("iptables/chains-jump-goto-return.rules")
    let report = try ReachReport(
      ruleset: rs, chain: "forward", from: [AddressRange(IPNetwork("10.20.0.0/16")!)],
      to: [AddressRange(IPNetwork("10.50.11.0/24")!)], analyzeRules: false)
    #expect(report.services.map(\.service) == ["tcp/80", "tcp/502"])
    let tracer = Tracer(ruleset: rs)
    for line in report.services {
      // Every witness is inside the queried sets and really allowed by the tracer.
      #expect(IPNetwork("10.20.0.0/16")!.contains(line.witness.source))
      #expect(IPNetwork("10.50.11.0/24")!.contains(line.witness.destination))
      #expect(tracer.trace(line.witness).verdict == .allow)
    }
    #expect(report.services[1].witness.source == IPAddress("10.20.30.40"))
  }

  @Test func anyLineWhenEverythingIsAllowed() throws {
    let text = "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -s 10.1.0.0/16 -j ACCEPT\nCOMMIT\n"
    let rs = try #require(IptablesParser(file: "t").parse(text).ruleset)
    let report = try ReachReport(
      ruleset: rs, chain: "forward", from: [AddressRange(IPNetwork("10.1.2.0/24")!)], to: [], analyzeRules: false)
    #expect(report.services.map(\.service) == ["any"])
  }

  @Test func interfaceUniverseIsExact() {
    let u = InterfaceUniverse(patterns: [
      InterfacePattern(name: "eth", isWildcard: true), InterfacePattern(name: "eth1", isWildcard: true),
      InterfacePattern(name: "eth0", isWildcard: false),
    ])
    #expect(u.classOf("eth0") == u.representatives.firstIndex(of: "eth0"))
    #expect(u.displayNames[u.classOf("eth12")] == "eth1*")
    #expect(u.displayNames[u.classOf("eth9")] == "eth*")
    #expect(u.displayNames[u.classOf("wan0")] == "(other)")
  }
}
