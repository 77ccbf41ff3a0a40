import BulkheadModel
import Testing

@testable import BulkheadFirewall

@Suite struct IptablesParserTests {
  private func parse(_ name: String) throws -> Ruleset {
    let result = FirewallParser.parse(contentsOf: FixturePaths.fixture("iptables/\(name)"), vendor: .iptables)
    return try #require(result.ruleset, "fixture \(name) failed: \(result.diagnostics)")
  }

  private func chain(_ ruleset: Ruleset, _ name: String) throws -> Chain {
    try #require(ruleset.tables.first { $0.name == "filter" }?.chain(named: name))
  }

  @Test func chainsJumpGotoReturn() throws {
    let rs = try parse("chains-jump-goto-return.rules")
    let forward = try chain(rs, "FORWARD")
    #expect(forward.hook == .forward)
    #expect(forward.policy == .deny)
    #expect(forward.rules.map(\.action) == [.jump("VENDOR"), .goto("GOTO_T"), .accept, .accept])
    #expect(forward.rules.map(\.provenance.line) == [7, 8, 9, 10])
    let vendor = try chain(rs, "VENDOR")
    #expect(vendor.hook == nil && vendor.policy == nil)
    #expect(vendor.rules.last?.action == .return)
    #expect(vendor.rules[0].matches.contains(.destinationPort([PortRange(502)], negated: false)))
    #expect(rs.diagnostics.isEmpty)
  }

  @Test func negationAndInterfaceWildcards() throws {
    let rs = try parse("negation-interfaces.rules")
    let rules = try chain(rs, "FORWARD").rules
    let ten = try #require(IPNetwork("10.0.0.0/8"))
    #expect(rules[0].matches.contains(.source([AddressRange(ten)], negated: true)))
    #expect(rules[0].matches.contains(.inInterface([InterfacePattern(name: "eth", isWildcard: true)], negated: false)))
    #expect(
      rules[0].matches.contains(.outInterface([InterfacePattern(name: "ot0", isWildcard: false)], negated: false)))
    #expect(rules[1].matches.contains(.inInterface([InterfacePattern(name: "eth0", isWildcard: false)], negated: true)))
    // Old syntax `-d ! ADDR` and `-p ! tcp`.
    let host = try #require(IPNetwork("10.9.9.9"))
    #expect(rules[2].matches.contains(.destination([AddressRange(host)], negated: true)))
    #expect(rules[2].matches.contains(.proto([6], negated: true)))
    #expect(rules[2].action == .reject)
    #expect(rs.diagnostics.isEmpty)
  }

  @Test func portsAndMultiport() throws {
    let rs = try parse("ports-multiport.rules")
    let rules = try chain(rs, "FORWARD").rules
    #expect(rules[0].matches.contains(.sourcePort([PortRange(lower: 1024, upper: 65535)], negated: false)))
    #expect(rules[0].matches.contains(.destinationPort([PortRange(lower: 20, upper: 21)], negated: false)))
    #expect(
      rules[1].matches.contains(
        .destinationPort([PortRange(80), PortRange(443), PortRange(lower: 8000, upper: 8080)], negated: false)))
    #expect(rules[2].matches.contains(.sourcePort([PortRange(53)], negated: true)))
    #expect(rules[2].matches.contains(.destinationPort([PortRange(lower: 1000, upper: 65535)], negated: false)))
    // multiport without -p: iptables refuses it; Bulkhead keeps the rule, marks the match unsupported, says so.
    #expect(rules[3].unsupported == ["--dports"])
    #expect(rs.diagnostics.map(\.code) == ["BH410"])
    #expect(rs.diagnostics.first?.location.line == 6)
  }

  @Test func iprangeStateComment() throws {
    let rs = try parse("iprange-state-comment.rules")
    let rules = try chain(rs, "FORWARD").rules
    #expect(rules[0].matches == [.state([.related, .established], negated: false)])
    let range = try #require(AddressRange(first: IPAddress("10.0.0.5")!, last: IPAddress("10.0.0.9")!))
    #expect(rules[1].matches.contains(.source([range], negated: false)))
    #expect(rules[1].matches.contains(.state([.new], negated: false)))
    #expect(rules[1].provenance.comment == "SCADA polling")
    // UNTRACKED is reported; INVALID is kept.
    #expect(rules[2].matches == [.state([.invalid], negated: false)])
    #expect(rs.diagnostics.count == 1)
    #expect(rs.diagnostics.first?.message.contains("UNTRACKED") == true)
  }

  @Test func countersICMPAndLog() throws {
    let rs = try parse("counters-icmp-log.rules")
    let forward = try chain(rs, "FORWARD").rules
    #expect(forward[0].provenance.packets == 12 && forward[0].provenance.bytes == 720)
    #expect(forward[0].matches.contains(.icmp(.v4, types: [8], codes: nil, negated: false)))
    #expect(forward[1].matches.contains(.icmp(.v4, types: [3], codes: nil, negated: false)))
    #expect(forward[2].action == .log("fw drop: "))
    #expect(forward[2].provenance.packets == 7)
    // `--icmp-type any` is just `-p icmp`.
    let input = try chain(rs, "INPUT").rules
    #expect(input[0].matches == [.proto([1], negated: false)])
    #expect(rs.diagnostics.isEmpty)
  }

  @Test func ipsetAndLimitAreUnsupportedWithPolicy() throws {
    let rs = try parse("set-unsupported.rules")
    let rules = try chain(rs, "FORWARD").rules
    #expect(rules[0].unsupported == ["-m set"])
    #expect(rules[0].assumesUnsupportedMatch)
    #expect(!rules[1].assumesUnsupportedMatch)
    #expect(rs.diagnostics.map(\.location.line) == [3, 4, 5])
    #expect(rs.diagnostics[0].message.contains("assumed to match"))
    #expect(rs.diagnostics[1].message.contains("assumed never to match"))
    #expect(rs.diagnostics[2].message.contains("-m limit"))
  }

  @Test func natIsReportedNotModeled() throws {
    let rs = try parse("nat-not-modeled.rules")
    let nat = try #require(rs.tables.first { $0.name == "nat" })
    #expect(!nat.isFilter)
    #expect(nat.chains.flatMap(\.rules).count == 2)
    #expect(rs.diagnostics.map(\.code) == ["BH413", "BH413"])
    #expect(rs.diagnostics.map(\.location.line) == [4, 5])
  }

  @Test func zeroRulesFailsClosed() {
    let result = FirewallParser.parse(contentsOf: FixturePaths.fixture("iptables/empty-fails-closed.rules"))
    #expect(result.ruleset == nil)
    #expect(result.diagnostics.contains { $0.code == "BH417" && $0.severity == .error })
  }

  @Test func unknownCommandsAndTargetsAreDiagnosed() throws {
    let rs = try parse("unknown-commands.rules")
    let rules = try chain(rs, "FORWARD").rules
    #expect(rules.count == 4)
    #expect(rules[2].action == .continue("MARK"))
    #expect(rules[3].action == .continue("NOSUCHTARGET"))
    #expect(rs.diagnostics.map(\.code) == ["BH412", "BH412", "BH410", "BH411"])
    #expect(rs.diagnostics.map(\.location.line) == [4, 5, 6, 8])
  }

  @Test func tokenizerKeepsQuotedWords() {
    let (tokens, open) = ShellTokenizer.tokenize(#"-A X -m comment --comment "a \"b\" c" -j ACCEPT"#)
    #expect(!open)
    #expect(tokens.map(\.text) == ["-A", "X", "-m", "comment", "--comment", #"a "b" c"#, "-j", "ACCEPT"])
    #expect(tokens[5].column == 27)
  }

  /// `-m multiport --ports`: source or destination port; `!` negates the whole test (xt_multiport).
  @Test func multiportPortsIsEitherDirection() throws {
    let text = """
      *filter
      :FORWARD DROP [0:0]
      -A FORWARD -p tcp -m multiport --ports 1024:1034,47808 -j ACCEPT
      -A FORWARD -p udp -m multiport ! --ports 53 -j ACCEPT
      COMMIT
      """
    let rs = try #require(IptablesParser(file: "mp.rules").parse(text).ruleset)
    #expect(rs.diagnostics.isEmpty)
    let tracer = Tracer(ruleset: rs)
    func verdict(_ proto: UInt8, _ sport: UInt16, _ dport: UInt16) -> Verdict {
      tracer.trace(
        Packet(
          source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!, proto: proto, sourcePort: sport,
          destinationPort: dport)
      ).verdict
    }
    #expect(verdict(6, 1030, 80) == .allow)
    #expect(verdict(6, 40000, 47808) == .allow)
    #expect(verdict(6, 40000, 65534) == .deny)
    #expect(verdict(17, 53, 9999) == .deny)
    #expect(verdict(17, 5353, 9999) == .allow)
  }

  @Test func jumpLoopsAreCutAndReported() throws {
    let text = """
      *filter
      :FORWARD DROP [0:0]
      :A - [0:0]
      :B - [0:0]
      -A FORWARD -j A
      -A A -j B
      -A A -j B
      -A B -p tcp -j ACCEPT
      -A B -j A
      COMMIT
      """
    let rs = try #require(IptablesParser(file: "loop.rules").parse(text).ruleset)
    #expect(rs.diagnostics.map(\.code) == ["BH418"])
    #expect(rs.diagnostics.first?.location.line == 9)
    let packet = Packet(source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!, proto: 17)
    // Evaluation ends: B's loop jump is ignored, A falls through to FORWARD's policy.
    #expect(Tracer(ruleset: rs).trace(packet).verdict == .deny)
  }

  @Test func ip6tablesSaveIsDetectedAsIPv6() {
    let text = "*filter\n:FORWARD DROP [0:0]\n-A FORWARD -s 2001:db8::/32 -p ipv6-icmp -j ACCEPT\nCOMMIT\n"
    let rs = IptablesParser(file: "v6.rules").parse(text).ruleset
    #expect(rs?.tables.first?.families == [.v6])
  }
}

/// Issue 22: raw and mangle chains are part of a forwarded packet's path (kernel fixture `ipt-raw-mangle-drops`).
@Suite struct IptablesRawMangleTests {
  @Test func rawAndMangleChainsAreOnTheForwardPath() throws {
    let text = """
      *raw
      :PREROUTING ACCEPT [0:0]
      -A PREROUTING -s 10.0.0.66/32 -j DROP
      -A PREROUTING -m conntrack --ctstate NEW -j ACCEPT
      COMMIT
      *mangle
      :PREROUTING DROP [0:0]
      -A PREROUTING -i eth0 -j ACCEPT
      COMMIT

      """
    let ruleset = try #require(FirewallParser.parse(text: text, file: "t.rules", vendor: .iptables).ruleset)
    let path = ruleset.pathChains(hook: .forward).map { "\($0.table.name) \($0.chain.name)" }
    #expect(path == ["raw PREROUTING", "mangle PREROUTING"])
    // raw runs before conntrack: its state test is not modeled, and said so at its line.
    let raw = try #require(ruleset.tables.first { $0.name == "raw" }?.chain(named: "PREROUTING"))
    #expect(raw.rules[1].unsupported == ["conntrack state in the raw table"])
    #expect(
      ruleset.diagnostics.contains {
        $0.code == FirewallDiagnosticCode.beforeConnectionTracking.code && $0.location.line == 4
      })
    let tracer = Tracer(ruleset: ruleset)
    func verdict(_ source: String, _ interface: String) throws -> Verdict {
      tracer.trace(
        Packet(
          source: try #require(IPAddress(source)), destination: try #require(IPAddress("10.9.0.1")), proto: 6,
          sourcePort: 40000, destinationPort: 80, inInterface: interface, outInterface: "eth1")
      ).verdict
    }
    #expect(try verdict("10.0.0.66", "eth0") == .deny)
    #expect(try verdict("10.0.0.67", "eth0") == .allow)
    #expect(try verdict("10.0.0.67", "eth2") == .deny)
  }
}
