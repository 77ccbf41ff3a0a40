import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The pfSense/OPNsense dialect: every element of the corpus and fixture configs accounted for, and pf's semantics
/// (quick, last match, floating directions, aliases, interface nets, the rules pfSense generates) checked packet by
/// packet on a hand-written config whose answers are derived from pfSense's rule generation, not from Bulkhead.
@Suite struct PfSenseTests {
  static let fixture = FixturePaths.fixture("pfsense/plant-boundary.xml")

  static func corpusConfigs() -> [String] {
    let folder = FixturePaths.corpus.appendingPathComponent("configs/opnsense")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
      folder.appendingPathComponent($0).path
    }
  }

  static func ruleset() throws -> Ruleset {
    let result = FirewallParser.parse(contentsOf: fixture)
    return try #require(result.ruleset, "\(result.diagnostics)")
  }

  static func packet(
    _ source: String, _ destination: String, proto: UInt8, sport: UInt16 = 40000, dport: UInt16 = 0,
    icmpType: UInt8 = 0, in i: String, out o: String, state: ConnectionState = .new
  ) throws -> Packet {
    Packet(
      source: try #require(IPAddress(source)), destination: try #require(IPAddress(destination)), proto: proto,
      sourcePort: Match.portProtocols.contains(proto) ? sport : 0,
      destinationPort: Match.portProtocols.contains(proto) ? dport : 0, icmpType: icmpType,
      inInterface: i, outInterface: o, state: state)
  }

  /// Every element of a file is read into the configuration, known not to decide (with a BH490 note for its kind)
  /// or reported at its line.
  static func unaccounted(_ path: String) throws -> (unaccounted: [Int], elements: Int, result: ParseResult) {
    let (missing, elements, result, _) = try accounting(path)
    return (missing, elements, result)
  }

  /// The accounting of a file's elements: unaccounted lines, element count, the parse, and a one-line summary.
  static func accounting(_ path: String) throws -> ([Int], Int, ParseResult, String) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let tree = XMLTree(text: text, file: path)
    let root = try #require(tree.root)
    var reader = PfSenseReader(file: path)
    _ = reader.read(root)
    let result = FirewallParser.parse(contentsOf: path)
    let reported = Set(result.diagnostics.map(\.location.line))
    let lines = root.subtree.map(\.line)
    let missing = lines.filter {
      !reader.readLines.contains($0) && !reader.ignoredLines.contains($0) && !reported.contains($0)
    }
    let read = lines.filter { reader.readLines.contains($0) }.count
    let ignored = lines.filter { !reader.readLines.contains($0) && reader.ignoredLines.contains($0) }.count
    let diagnosed = lines.filter { reported.contains($0) }.count
    let summary =
      "\(URL(fileURLWithPath: path).lastPathComponent): \(lines.count) elements, \(read) read into the config, "
      + "\(ignored) known not to decide (noted), \(diagnosed) at a line with a diagnostic "
      + "(\(result.diagnostics.filter { $0.severity != .note }.count) warnings or errors), \(missing.count) unaccounted"
    return (missing, lines.count, result, summary)
  }

  // MARK: Corpus and fixtures: every element accounted for

  @Test func corpusIsPresentAndListed() throws {
    let configs = Self.corpusConfigs()
    #expect(configs.count == 1)
    let manifest = try String(
      contentsOf: FixturePaths.corpus.appendingPathComponent("configs/MANIFEST.tsv"), encoding: .utf8)
    for path in configs {
      let name = "configs/opnsense/" + URL(fileURLWithPath: path).lastPathComponent
      #expect(manifest.contains(name + "\t"), "\(name) has no MANIFEST.tsv row")
    }
  }

  @Test(arguments: corpusConfigs() + [fixture, FixturePaths.fixture("pfsense/opnsense-cell.xml")])
  func everyElementIsAccountedFor(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(FirewallDialects.detect(text)?.vendor == .pfsense)
    let (missing, elements, result, summary) = try Self.accounting(path)
    print("pfSense accounting: \(summary)")
    #expect(elements > 10)
    #expect(missing.isEmpty, "elements neither read nor reported at lines \(missing)")
    #expect(result.diagnostics.allSatisfy { $0.location.line > 0 }, "\(result.diagnostics)")
    #expect(!result.diagnostics.contains { $0.code == FirewallDiagnosticCode.syntax.code })
    #expect(result.ruleset != nil, "\(result.diagnostics)")
  }

  /// The OPNsense service-test config has three interfaces and one empty `<rule>`. OPNsense's rule generator
  /// (FilterRule.php) makes a rule without type, interface, direction or family a `pass in quick` on every
  /// interface for both families; Bulkhead takes that reading (the conservative one: it allows more than skipping
  /// the rule would) and says so at the rule's line.
  @Test func opnsenseCorpusConfigEmptyRule() throws {
    let path = try #require(Self.corpusConfigs().first)
    let result = FirewallParser.parse(contentsOf: path)
    let ruleset = try #require(result.ruleset)
    #expect(ruleset.zones.map(\.name) == ["wan", "lan", "opt1"])
    #expect(ruleset.zones.map(\.interfaces) == [["em1"], ["em0"], ["em2"]])
    let empty = try #require(result.diagnostics.first { $0.code == FirewallDiagnosticCode.pfUnresolved.code })
    #expect(empty.location.line == 89 && empty.message.contains("applies it on every interface"))
    let tracer = Tracer(ruleset: ruleset)
    let lanToCell = tracer.trace(
      try Self.packet("10.211.55.5", "10.211.56.7", proto: 6, dport: 22, in: "em0", out: "em2"))
    #expect(lanToCell.verdict == .allow && lanToCell.rule?.line == 89)
    let v6 = tracer.trace(try Self.packet("2001:db8::5", "2001:db8:1::7", proto: 17, dport: 53, in: "em2", out: "em1"))
    #expect(v6.verdict == .deny, "ipv6allow is not set: all IPv6 is blocked before any rule")
    // The generated quick blocks still come first: TCP to port 0.
    let zero = tracer.trace(try Self.packet("10.211.55.5", "10.211.56.7", proto: 6, dport: 0, in: "em0", out: "em2"))
    #expect(zero.verdict == .deny && zero.rule?.text == "implicit: block traffic to port 0")
  }

  // MARK: Semantics, packet by packet

  /// One expectation: a packet, the verdict pfSense gives it, and the rule that decides (its description, or the
  /// text of a generated rule).
  struct Case: CustomStringConvertible, Sendable {
    var name: String
    var packet: @Sendable () throws -> Packet
    var verdict: Verdict
    var rule: String
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "an engineering workstation reaches a PLC on a port of a nested port alias",
      packet: { try packet("10.10.0.5", "10.20.0.21", proto: 6, dport: 502, in: "em1", out: "em2") },
      verdict: .allow, rule: "ENG to PLCs"),
    Case(
      name: "port ranges of a port alias (2222:2223)",
      packet: { try packet("10.10.0.5", "10.20.0.10", proto: 6, dport: 2223, in: "em1", out: "em2") },
      verdict: .allow, rule: "ENG to PLCs"),
    Case(
      name: "a workstation outside the ENG_WS alias falls to 'lan net to opt1 net' (quick, in order)",
      packet: { try packet("10.10.0.99", "10.20.0.10", proto: 6, dport: 502, in: "em1", out: "em2") },
      verdict: .deny, rule: "IT may not reach OT"),
    Case(
      name: "the interface's name (lan) matches as well as its device (em1)",
      packet: { try packet("10.10.0.99", "10.20.0.10", proto: 6, dport: 502, in: "lan", out: "opt1") },
      verdict: .deny, rule: "IT may not reach OT"),
    Case(
      name: "the LAN reaches the Internet (default allow LAN to any)",
      packet: { try packet("10.10.0.99", "192.0.2.80", proto: 6, dport: 443, in: "em1", out: "em0") },
      verdict: .allow, rule: "Default allow LAN to any rule"),
    Case(
      name: "inet46: the same rule for the LAN's IPv6 net",
      packet: { try packet("2001:db8:10::99", "2001:db8:99::1", proto: 6, dport: 443, in: "em1", out: "em0") },
      verdict: .allow, rule: "Default allow LAN to any rule"),
    Case(
      name: "an address outside lan net entering by lan meets the default deny",
      packet: { try packet("10.99.0.1", "192.0.2.80", proto: 6, dport: 443, in: "em1", out: "em0") },
      verdict: .deny, rule: "implicit: default deny rule (IPv4 and IPv6)"),
    Case(
      name: "OT never leaves by WAN: a floating quick out rule beats the LAN's pass",
      packet: { try packet("10.20.0.200", "192.0.2.80", proto: 1, icmpType: 8, in: "em2", out: "em0") },
      verdict: .deny, rule: "OT never leaves by WAN"),
    Case(
      name: "the cell pings the LAN (inet46 icmp echoreq)",
      packet: { try packet("10.20.0.200", "10.10.0.5", proto: 1, icmpType: 8, in: "em2", out: "em1") },
      verdict: .allow, rule: "Cell ping"),
    Case(
      name: "an ICMP type other than echoreq is not passed",
      packet: { try packet("10.20.0.200", "10.10.0.5", proto: 1, icmpType: 13, in: "em2", out: "em1") },
      verdict: .deny, rule: "implicit: default deny rule (IPv4 and IPv6)"),
    Case(
      name: "reject tcp/udp to a LAN port 1-1023",
      packet: { try packet("10.20.0.200", "10.10.0.5", proto: 17, dport: 161, in: "em2", out: "em1") },
      verdict: .deny, rule: "Cell may not open IT services"),
    Case(
      name: "an IP alias on opt1 outside its subnet widens 'opt1 net' (virtualip)",
      packet: { try packet("10.30.0.5", "10.10.0.5", proto: 17, dport: 161, in: "em2", out: "em1") },
      verdict: .deny, rule: "Cell may not open IT services"),
    Case(
      name: "the alias network may ping as the cell does",
      packet: { try packet("10.30.0.5", "10.10.0.5", proto: 1, icmpType: 8, in: "em2", out: "em1") },
      verdict: .allow, rule: "Cell ping"),
    Case(
      name: "the disabled any-any rule on the cell is not loaded",
      packet: { try packet("10.20.0.200", "10.10.0.5", proto: 6, dport: 8080, in: "em2", out: "em1") },
      verdict: .deny, rule: "implicit: default deny rule (IPv4 and IPv6)"),
    Case(
      name: "the WAN rule of the port forward passes to its target",
      packet: { try packet("192.0.2.9", "10.20.0.30", proto: 6, dport: 443, in: "em0", out: "em2") },
      verdict: .allow, rule: "NAT HMI web"),
    Case(
      name: "a floating pass that is not quick decides when no later rule matches",
      packet: { try packet("192.0.2.9", "10.20.0.10", proto: 6, dport: 502, in: "em0", out: "em2") },
      verdict: .allow, rule: "Remote Modbus (not quick)"),
    Case(
      name: "the last matching rule wins among rules that are not quick",
      packet: { try packet("198.51.100.7", "10.20.0.10", proto: 6, dport: 502, in: "em0", out: "em2") },
      verdict: .deny, rule: "Not from the partner net (not quick, later)"),
    Case(
      name: "block private networks on the WAN (quick, before every user rule)",
      packet: { try packet("172.16.5.5", "10.20.0.30", proto: 6, dport: 443, in: "em0", out: "em2") },
      verdict: .deny, rule: "implicit: block private networks from wan (172.16.0.0/12)"),
    Case(
      name: "TCP to port 0 is blocked before any rule",
      packet: { try packet("10.10.0.5", "192.0.2.80", proto: 6, dport: 0, in: "em1", out: "em0") },
      verdict: .deny, rule: "implicit: block traffic to port 0"),
    Case(
      name: "IPv4 link-local is blocked in",
      packet: { try packet("169.254.1.1", "10.20.0.10", proto: 6, dport: 502, in: "em1", out: "em2") },
      verdict: .deny, rule: "implicit: block IPv4 link-local"),
    Case(
      name: "return traffic of any connection passes by the state table",
      packet: {
        try packet(
          "10.20.0.10", "10.10.0.5", proto: 6, sport: 502, dport: 40000, in: "em2", out: "em1",
          state: .established)
      },
      verdict: .allow, rule: "implicit: pf passes packets of a connection in its state table"),
    Case(
      name: "ICMPv6 packet too big passes everywhere (ipv6allow is set)",
      packet: { try packet("2001:db8:99::1", "2001:db8:10::5", proto: 58, icmpType: 2, in: "em0", out: "em1") },
      verdict: .allow, rule: "implicit: pass the ICMPv6 IPv6 requires"),
  ]

  @Test(arguments: cases)
  func pfSemantics(_ c: Case) throws {
    let trace = Tracer(ruleset: try Self.ruleset()).trace(try c.packet())
    #expect(trace.verdict == c.verdict, "\(trace.path.filter(\.matched).map(\.rule.text))")
    #expect((trace.rule?.comment ?? trace.rule?.text) == c.rule, "\(trace.rule?.text ?? "-")")
  }

  static let opnsenseFixture = FixturePaths.fixture("pfsense/opnsense-cell.xml")

  /// OPNsense where it differs from pfSense (FilterRule.php, filter.lib.inc `filter_core_rules_system`): `<quick>`
  /// on an interface rule, directions on interface rules, several interfaces per rule, aliases under
  /// `<OPNsense><Firewall><Alias>` (nested `networkgroup`), DHCP client rules that are not quick, CARP passed,
  /// 100.64/10 among the private networks, no IPv4 link-local block.
  static let opnsenseCases: [Case] = [
    Case(
      name: "LAN to a PLC on a port of an OPNsense port alias",
      packet: { try packet("10.1.0.5", "10.1.1.10", proto: 6, dport: 502, in: "vtnet1", out: "vtnet2") },
      verdict: .allow, rule: "LAN to PLCs"),
    Case(
      name: "an interface rule with direction out blocks on the way out of the cell",
      packet: { try packet("10.1.0.5", "10.1.1.10", proto: 6, dport: 102, in: "vtnet1", out: "vtnet2") },
      verdict: .deny, rule: "No S7 into the cell (out)"),
    Case(
      name: "a later quick block beats an earlier rule with <quick>0</quick> (nested networkgroup alias)",
      packet: { try packet("10.1.0.5", "10.1.1.33", proto: 6, dport: 22, in: "vtnet1", out: "vtnet2") },
      verdict: .deny, rule: "No SSH into the cell"),
    Case(
      name: "the rule that is not quick decides when it is the last match",
      packet: { try packet("10.1.0.5", "192.0.2.80", proto: 6, dport: 443, in: "vtnet1", out: "vtnet0") },
      verdict: .allow, rule: "LAN out (not quick)"),
    Case(
      name: "a rule on lan,opt1 applies on the cell too",
      packet: { try packet("10.1.1.10", "10.1.0.5", proto: 1, icmpType: 8, in: "vtnet2", out: "vtnet1") },
      verdict: .allow, rule: "Ping from LAN and cell"),
    Case(
      name: "OPNsense blocks 100.64/10 as a private network (before the user's WAN block)",
      packet: { try packet("100.64.1.1", "10.1.0.5", proto: 6, dport: 443, in: "vtnet0", out: "vtnet1") },
      verdict: .deny, rule: "implicit: block private networks from wan (100.64.0.0/10)"),
    Case(
      name: "OPNsense's DHCP client rules are not quick: a quick WAN block wins",
      packet: { try packet("192.0.2.1", "10.1.0.5", proto: 17, sport: 67, dport: 68, in: "vtnet0", out: "vtnet1") },
      verdict: .deny, rule: "WAN closed"),
    Case(
      name: "OPNsense passes CARP before any user rule",
      packet: { try packet("192.0.2.9", "224.0.0.18", proto: 112, in: "vtnet0", out: "vtnet1") },
      verdict: .allow, rule: "implicit: pass CARP"),
    Case(
      name: "inet46 and ipv6allow 1: the cell's IPv6 passes",
      packet: { try packet("2001:db8::1", "2001:db8:99::1", proto: 6, dport: 443, in: "vtnet2", out: "vtnet0") },
      verdict: .allow, rule: "Cell out"),
    Case(
      name: "OPNsense does not block IPv4 link-local",
      packet: { try packet("169.254.1.1", "192.0.2.80", proto: 6, dport: 443, in: "vtnet2", out: "vtnet0") },
      verdict: .allow, rule: "Cell out"),
  ]

  @Test(arguments: opnsenseCases)
  func opnsenseSemantics(_ c: Case) throws {
    let result = FirewallParser.parse(contentsOf: Self.opnsenseFixture)
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    let trace = Tracer(ruleset: ruleset).trace(try c.packet())
    #expect(trace.verdict == c.verdict, "\(trace.path.filter(\.matched).map(\.rule.text))")
    #expect((trace.rule?.comment ?? trace.rule?.text) == c.rule, "\(trace.rule?.text ?? "-")")
    let space = PacketSpace(rulesets: [ruleset])
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    #expect((space.bdd.and(permitted, space.encode(try c.packet())) != BDD.falseNode) == (c.verdict == .allow))
  }

  @Test func opnsenseDisabledAliasIsReported() {
    let result = FirewallParser.parse(contentsOf: Self.opnsenseFixture)
    #expect(
      result.diagnostics.contains {
        $0.code == FirewallDiagnosticCode.pfDisabled.code && $0.message.contains("OLD_PLCS")
      })
    #expect(result.ruleset?.vendor == .pfsense)
  }

  /// The exact engine agrees with the tracer on every case (the permitted set holds exactly the allowed packets).
  @Test func packetSpaceAgreesWithTheCases() throws {
    let ruleset = try Self.ruleset()
    let space = PacketSpace(rulesets: [ruleset], extraInterfaces: ["lan", "opt1"])
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    for c in Self.cases {
      let packet = try c.packet()
      let inSet = space.bdd.and(permitted, space.encode(packet)) != BDD.falseNode
      #expect(inSet == (c.verdict == .allow), "\(c.name)")
    }
  }

  @Test func diagnosticsNameWhatIsNotModeled() throws {
    let result = FirewallParser.parse(contentsOf: Self.fixture)
    let text = try String(contentsOfFile: Self.fixture, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    func line(of needle: String) -> Int {
      (text.firstIndex { $0.contains(needle) } ?? -1) + 1
    }
    /// The line of the `<rule>` element whose text holds `needle`.
    func rule(_ needle: String) -> Int {
      let at = text.firstIndex { $0.contains(needle) } ?? 0
      return (text[..<at].lastIndex { $0.trimmingCharacters(in: .whitespaces) == "<rule>" } ?? -1) + 1
    }
    func has(_ code: FirewallDiagnosticCode, at line: Int, _ words: String) -> Bool {
      result.diagnostics.contains { $0.code == code.code && $0.location.line == line && $0.message.contains(words) }
    }
    #expect(has(.pfRuntimeValue, at: line(of: "<name>HISTORIAN") - 1, "FQDN historian.plant.example"))
    #expect(has(.pfRuntimeValue, at: line(of: "<name>THREAT_FEED") - 1, "urltable alias THREAT_FEED"))
    #expect(has(.pfRuntimeValue, at: line(of: "<opt2>"), "learned at run time (dhcp)"))
    #expect(has(.pfNotModeled, at: line(of: "<sched>MaintenanceWindow"), "sched MaintenanceWindow"))
    #expect(has(.pfUnresolved, at: rule("<interface>opt9"), "'opt9'"))
    #expect(has(.pfDisabled, at: rule("<disabled></disabled>"), "disabled rule"))
    #expect(has(.translationNotModeled, at: line(of: "<nat>") + 1, "port forward"))
    #expect(has(.pfNotEvaluated, at: line(of: "<opt3>"), "not enabled"))
    #expect(has(.pfNotEvaluated, at: line(of: "<mode>proxyarp") - 1, "answers ARP only"))
    // The cell's IPv6 half of the inet46 ping rule: opt1 has no IPv6 address, so pfSense does not load it.
    #expect(has(.pfUnresolved, at: rule("Cell ping"), "no IPv6 address"))
    // Object names reach provenance, for findings to cite.
    let ruleset = try #require(result.ruleset)
    let rules = ruleset.tables.flatMap(\.chains).flatMap(\.rules)
    let eng = try #require(rules.first { $0.provenance.comment == "ENG to PLCs" })
    #expect(eng.provenance.objects == ["interface lan", "alias ENG_WS", "alias OT_PLCS", "alias OT_PORTS"])
    #expect(eng.provenance.text == "pass in quick on lan inet proto tcp from ENG_WS to OT_PLCS port OT_PORTS")
    // The port forward fills the IR's translation slot: WAN address 443 to the HMI.
    let forward = try #require(ruleset.translations.first)
    #expect(ruleset.translations.count == 1 && forward.kind == .destination && forward.interface == "em0")
    #expect(forward.original.map(\.description) == ["203.0.113.2/32"])
    #expect(forward.translated.map(\.description) == ["10.20.0.30/32"])
    #expect(forward.provenance.text == "rdr on wan proto tcp to wan address port 443 -> 10.20.0.30 port 443")
  }

  @Test func refusesWhatIsNotAConfig() {
    let notXML = FirewallParser.parse(text: "<pfsense><interfaces></interfaces></pfsense>\n", file: "x.xml")
    #expect(notXML.ruleset == nil)
    #expect(notXML.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
    let truncated = FirewallParser.parse(
      text: "<pfsense>\n<interfaces><lan><enable/><if>em1</if>\n", file: "t.xml", vendor: .pfsense)
    #expect(truncated.diagnostics.contains { $0.code == FirewallDiagnosticCode.syntax.code && $0.location.line == 1 })
    #expect(truncated.ruleset == nil)
    #expect(truncated.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
  }
}
