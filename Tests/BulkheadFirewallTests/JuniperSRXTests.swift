import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The Junos SRX dialect: the corpus configs read with every statement accounted for, Batfish's reference answer for
/// the SRX testbed, and a hand-written plant configuration in both syntaxes (block and `set`).
@Suite struct JuniperSRXTests {
  static let corpus = FixturePaths.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

  static func corpusConfigs() -> [String] {
    let folder = corpus.appendingPathComponent("configs/juniper-srx")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
      folder.appendingPathComponent($0).path
    }
  }

  static func packet(
    _ source: String, _ destination: String, proto: UInt8, sport: UInt16 = 40000, dport: UInt16 = 0,
    icmpType: UInt8 = 0, in i: String, out o: String
  ) throws -> Packet {
    Packet(
      source: try #require(IPAddress(source)), destination: try #require(IPAddress(destination)), proto: proto,
      sourcePort: proto == 1 ? 0 : sport, destinationPort: dport, icmpType: icmpType, inInterface: i,
      outInterface: o)
  }

  // MARK: Corpus

  @Test func corpusIsPresentAndListed() throws {
    let configs = Self.corpusConfigs()
    #expect(configs.count == 85)
    let manifest = try String(contentsOf: Self.corpus.appendingPathComponent("configs/MANIFEST.tsv"), encoding: .utf8)
    for path in configs {
      let name = "configs/juniper-srx/" + URL(fileURLWithPath: path).lastPathComponent
      #expect(manifest.contains(name + "\t"), "\(name) has no MANIFEST.tsv row")
    }
  }

  /// Every corpus config is recognised as Junos and every statement is read, known not to decide which packets pass
  /// (with a note for its group), or reported at its line; a refused file says why.
  @Test(arguments: corpusConfigs())
  func everyStatementIsAccountedFor(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(FirewallDialects.detect(text)?.vendor == .juniperSRX)
    let syntax = HierarchicalConfigSyntax(text: text, file: path, commands: JuniperSRXDialect.commands)
    #expect(syntax.diagnostics.allSatisfy { $0.location.line > 0 }, "\(syntax.diagnostics)")
    var reader = JuniperSRXReader(file: path)
    _ = reader.read(syntax.statements)
    let result = FirewallParser.parse(contentsOf: path, vendor: .juniperSRX)
    let reported = Set(result.diagnostics.map(\.location.line))
    var unaccounted: [Int] = []
    for statement in syntax.statements {
      let lines = statement.line...max(statement.line, statement.lastLine)
      let accounted = lines.contains {
        reader.readLines.contains($0) || reader.ignoredLines.contains($0) || reported.contains($0)
      }
      if !accounted { unaccounted.append(statement.line) }
    }
    #expect(unaccounted.isEmpty, "statements neither read nor reported at lines \(unaccounted)")
    if result.ruleset == nil {
      #expect(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    }
  }

  @Test func corpusFigures() throws {
    var parsed = 0
    var refused: [String] = []
    for path in Self.corpusConfigs() {
      let result = FirewallParser.parse(contentsOf: path, vendor: .juniperSRX)
      if result.ruleset != nil {
        parsed += 1
      } else {
        refused.append(URL(fileURLWithPath: path).lastPathComponent)
      }
    }
    print(
      "Junos SRX corpus: \(parsed) parsed, \(refused.count) refused (fail closed): \(refused.joined(separator: ", "))")
    #expect(parsed >= 60)
  }

  /// Batfish's answer for the SRX testbed (`parsing-tests__srx-testbed.ref`, Batfish 0.36.0): `junos-srx-3.cfg`
  /// parses; its zones reference exactly the interfaces at the lines Batfish lists ("security zones security-zone
  /// interfaces"); its one security policy, zone trust to zone trust `default-permit`, is defined at lines 52–55;
  /// nothing it references is undefined. Bulkhead: the same zone memberships, the policy at line 52, no unresolved
  /// reference, the deactivated IPsec VPN (line 39) noted; and `default-policy permit-all` (line 56) decides the rest.
  @Test func batfishSRXTestbedReference() throws {
    let reference = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: Self.corpus.appendingPathComponent("baselines/batfish/parsing-tests__srx-testbed.ref")))
        as? [String: Any])
    let elements = try #require(reference["answerElements"] as? [[String: Any]])
    let key = "configs/junos-srx-3.cfg"
    let parse = try #require(elements.first { ($0["parseStatus"] as? [String: String]) != nil })
    #expect((parse["parseStatus"] as? [String: String])?[key] == "PASSED")
    let convert = try #require(elements.first { $0["referencedStructures"] != nil })
    let referenced = try #require((convert["referencedStructures"] as? [String: Any])?[key] as? [String: Any])
    let interfaces = try #require(referenced["interface"] as? [String: [String: [Int]]])
    var batfishZoneLines: [String: Int] = [:]
    for (name, uses) in interfaces {
      if let lines = uses["security zones security-zone interfaces"], let line = lines.first {
        batfishZoneLines[name] = line
      }
    }
    let undefined = try #require((convert["undefinedReferences"] as? [String: Any])?[key] as? [String: Any])
    #expect(undefined.isEmpty)
    let defined = try #require((convert["definedStructures"] as? [String: Any])?[key] as? [String: Any])
    let policies = try #require(defined["security policy term"] as? [String: [String: Any]])
    let policyLines = try #require(policies["zone~trust~to~zone~trust default-permit"]?["definitionLines"] as? String)
    #expect(policyLines == "52-55")

    let path = Self.corpus.appendingPathComponent("configs/juniper-srx/batfish__srx-testbed__junos-srx-3.cfg").path
    let result = FirewallParser.parse(contentsOf: path)
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    var members: [String: Int] = [:]
    let text = try String(contentsOfFile: path, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false)
    for zone in ruleset.zones {
      for interface in zone.interfaces {
        members[interface] = text.firstIndex { $0.hasSuffix("interfaces \(interface)") }.map { $0 + 1 }
      }
    }
    #expect(members == batfishZoneLines)
    let chains = ruleset.tables.flatMap(\.chains)
    let policy = chains.flatMap(\.rules).first { $0.provenance.comment == "default-permit" }
    #expect(policy?.provenance.line == 52)
    #expect(
      !result.diagnostics.contains { $0.code == FirewallDiagnosticCode.srxUnresolved.code && $0.severity == .error })
    #expect(
      result.diagnostics.contains { $0.code == FirewallDiagnosticCode.srxInactive.code && $0.location.line == 39 })
    #expect(chains.first { $0.hook == .forward }?.policy == .allow)
    // trust to trust passes by its policy; untrust to hostos by the default policy permit-all.
    let tracer = Tracer(ruleset: ruleset)
    let intra = tracer.trace(try Self.packet("10.0.13.1", "10.0.23.2", proto: 6, dport: 22, in: "st0.1", out: "st0.2"))
    #expect(intra.verdict == .allow && intra.rule?.line == 52)
    let other = tracer.trace(
      try Self.packet("10.13.0.1", "192.168.56.9", proto: 6, dport: 22, in: "ge-0/0/0.0", out: "ge-0/0/2.0"))
    #expect(other.verdict == .allow && other.rule == nil)
  }

  // MARK: The plant fixture, in both syntaxes

  static func boundary(_ name: String = "plant-boundary.conf") throws -> ParseResult {
    FirewallParser.parse(contentsOf: FixturePaths.fixture("juniper-srx/\(name)"))
  }

  static let interfaces = ["ge-0/0/0.0", "ge-0/0/1.0", "ge-0/0/2.0", "ge-0/0/3.0", "ge-0/0/4.0"]

  @Test func bothSyntaxesGiveTheSamePacketSpace() throws {
    let block = try #require(try Self.boundary().ruleset)
    let set = try #require(try Self.boundary("plant-boundary.set").ruleset)
    #expect(block.vendor == .juniperSRX && set.vendor == .juniperSRX)
    let space = PacketSpace(rulesets: [block, set], extraInterfaces: Self.interfaces)
    #expect(
      PolicyEvaluator(space: space, ruleset: block).permitted(entry: "forward")
        == PolicyEvaluator(space: space, ruleset: set).permitted(entry: "forward"))
    #expect(block.zones.map(\.name) == ["it", "ot", "dmz"])
    #expect(set.zones.map(\.interfaces) == block.zones.map(\.interfaces))
  }

  @Test func contextsAddressBooksAndDefaultPolicy() throws {
    let result = try Self.boundary()
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    let tracer = Tracer(ruleset: ruleset)
    let scada = tracer.trace(
      try Self.packet("10.10.0.5", "10.20.0.10", proto: 6, dport: 502, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
    #expect(scada.verdict == .allow && scada.rule?.comment == "scada-plc")
    #expect(
      scada.rule?.objects == [
        "zone it", "zone ot", "address SCADA", "address-set OT-PLCs", "application modbus",
        "application s7",
      ])
    // The range member through the zone's other interface.
    #expect(
      tracer.trace(
        try Self.packet("10.10.0.5", "10.20.0.12", proto: 6, dport: 102, in: "ge-0/0/0.0", out: "ge-0/0/4.0")
      ).verdict == .allow)
    let modbus = tracer.trace(
      try Self.packet("10.10.0.9", "10.20.0.10", proto: 6, dport: 502, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
    #expect(modbus.verdict == .deny && modbus.rule?.comment == "deny-modbus")
    // The inactive permit-any is not evaluated: S7 from another host meets the default policy.
    let s7 = tracer.trace(
      try Self.packet("10.10.0.9", "10.20.0.10", proto: 6, dport: 102, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
    #expect(s7.verdict == .deny && s7.rule == nil)
    #expect(ruleset.diagnostics.contains { $0.code == FirewallDiagnosticCode.srxInactive.code })
    // The dmz zone's own address book: WEB resolves for the it -> dmz context.
    #expect(
      tracer.trace(
        try Self.packet("10.10.0.9", "10.30.0.80", proto: 6, dport: 443, in: "ge-0/0/0.0", out: "ge-0/0/2.0")
      ).verdict == .allow)
    // destination-address-excluded: everything but the historian is rejected.
    let excluded = tracer.trace(
      try Self.packet("10.10.0.9", "10.30.0.50", proto: 6, dport: 80, in: "ge-0/0/0.0", out: "ge-0/0/2.0"))
    #expect(excluded.verdict == .deny && excluded.rule?.comment == "not-historian")
    // No implicit intra-zone permit: ot to ot passes ping only.
    #expect(
      tracer.trace(
        try Self.packet("10.20.0.10", "10.20.1.5", proto: 1, icmpType: 8, in: "ge-0/0/1.0", out: "ge-0/0/4.0")
      )
      .verdict == .allow)
    #expect(
      tracer.trace(try Self.packet("10.20.0.10", "10.20.1.5", proto: 17, dport: 9, in: "ge-0/0/1.0", out: "ge-0/0/4.0"))
        .verdict == .deny)
    // Global policy: ping from dmz to it, nothing else.
    #expect(
      tracer.trace(
        try Self.packet("10.30.0.20", "10.10.0.5", proto: 1, icmpType: 8, in: "ge-0/0/2.0", out: "ge-0/0/0.0")
      )
      .verdict == .allow)
    #expect(
      tracer.trace(try Self.packet("10.30.0.20", "10.10.0.5", proto: 6, dport: 22, in: "ge-0/0/2.0", out: "ge-0/0/0.0"))
        .verdict == .deny)
  }

  @Test func applicationsUnmodeledAndTranslations() throws {
    let ruleset = try #require(try Self.boundary().ruleset)
    let tracer = Tracer(ruleset: ruleset)
    // enip: term t1 (udp 2222 from source ports 1024-65535) or t2 (tcp 44818), to a dns-name (assumed to match).
    let enip = tracer.trace(
      try Self.packet("10.20.0.10", "10.30.0.77", proto: 17, dport: 2222, in: "ge-0/0/1.0", out: "ge-0/0/2.0"))
    #expect(enip.verdict == .allow && enip.notes.contains { $0.contains("assumed to hold") })
    #expect(
      tracer.trace(
        try Self.packet(
          "10.20.0.10", "10.30.0.77", proto: 17, sport: 1000, dport: 2222, in: "ge-0/0/1.0",
          out: "ge-0/0/2.0")
      ).verdict == .deny)
    #expect(
      tracer.trace(
        try Self.packet("10.20.0.10", "10.30.0.77", proto: 6, dport: 44818, in: "ge-0/0/1.0", out: "ge-0/0/2.0")
      ).verdict == .allow)
    // The interface in no zone passes nothing, and its stateless filter is reported.
    #expect(
      tracer.trace(
        try Self.packet("10.99.0.5", "10.30.0.20", proto: 6, dport: 443, in: "ge-0/0/3.0", out: "ge-0/0/2.0")
      ).verdict == .deny)
    #expect(
      ruleset.diagnostics.contains {
        $0.code == FirewallDiagnosticCode.srxNotModeled.code && $0.message.contains("PROTECT")
      })
    // Return traffic of a permitted session passes.
    var reply = try Self.packet(
      "10.20.0.10", "10.10.0.5", proto: 6, sport: 502, dport: 40000, in: "ge-0/0/1.0", out: "ge-0/0/0.0")
    reply.state = .established
    #expect(tracer.trace(reply).verdict == .allow)
    // The destination NAT rule is recorded with its pool.
    #expect(ruleset.translations.count == 1)
    #expect(ruleset.translations.first?.original.map(\.description) == ["192.0.2.80/32"])
    #expect(ruleset.translations.first?.translated.map(\.description) == ["10.30.0.80/32"])
  }

  @Test func packetSpaceAgreesWithTracer() throws {
    let ruleset = try #require(try Self.boundary().ruleset)
    let space = PacketSpace(rulesets: [ruleset], extraInterfaces: Self.interfaces)
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    let tracer = Tracer(ruleset: ruleset)
    var generator = SeededGenerator(seed: 48)
    let addresses = ["10.10.0.5", "10.10.0.9", "10.20.0.10", "10.20.0.12", "10.20.1.5", "10.30.0.20", "10.30.0.80"]
    let ports: [UInt16] = [22, 80, 102, 443, 502, 2222, 44818]
    for _ in 0..<2000 {
      var p = try Self.packet(
        addresses.randomElement(using: &generator) ?? "", addresses.randomElement(using: &generator) ?? "",
        proto: [6, 17, 1].randomElement(using: &generator) ?? 6, dport: ports.randomElement(using: &generator) ?? 0,
        in: Self.interfaces.randomElement(using: &generator) ?? "",
        out: Self.interfaces.randomElement(using: &generator) ?? "")
      if p.proto == 1 {
        p.destinationPort = 0
        p.icmpType = 8
      }
      p.state = ConnectionState.allCases.randomElement(using: &generator) ?? .new
      let inSet = space.bdd.and(permitted, space.encode(p)) != BDD.falseNode
      #expect(inSet == (tracer.trace(p).verdict == .allow), "\(p)")
    }
  }

  // MARK: Syntax

  @Test func groupsAreInheritedWhereApplied() throws {
    let text = """
      set groups ZONES security zones security-zone a interfaces ge-0/0/0.0
      set groups ZONES security zones security-zone b interfaces ge-0/0/1.0
      set groups POLICY security policies from-zone <*> to-zone b policy p match source-address any
      set groups POLICY security policies from-zone <*> to-zone b policy p match destination-address any
      set groups POLICY security policies from-zone <*> to-zone b policy p match application junos-ssh
      set groups POLICY security policies from-zone <*> to-zone b policy p then permit
      set apply-groups ZONES
      set security policies from-zone a to-zone b apply-groups POLICY

      """
    let result = FirewallParser.parse(text: text, file: "groups.set", vendor: .juniperSRX)
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    #expect(ruleset.zones.map(\.name) == ["a", "b"])
    let tracer = Tracer(ruleset: ruleset)
    #expect(
      tracer.trace(try Self.packet("10.0.0.1", "10.0.1.1", proto: 6, dport: 22, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
        .verdict == .allow)
    #expect(
      tracer.trace(try Self.packet("10.0.0.1", "10.0.1.1", proto: 6, dport: 23, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
        .verdict == .deny)
  }

  @Test func insertReordersAndDeleteRemoves() throws {
    let text = """
      set security zones security-zone a interfaces ge-0/0/0.0
      set security zones security-zone b interfaces ge-0/0/1.0
      set security policies from-zone a to-zone b policy deny-all match source-address any
      set security policies from-zone a to-zone b policy deny-all match destination-address any
      set security policies from-zone a to-zone b policy deny-all match application any
      set security policies from-zone a to-zone b policy deny-all then deny
      set security policies from-zone a to-zone b policy ssh match source-address any
      set security policies from-zone a to-zone b policy ssh match destination-address any
      set security policies from-zone a to-zone b policy ssh match application junos-ssh
      set security policies from-zone a to-zone b policy ssh match application junos-telnet
      set security policies from-zone a to-zone b policy ssh then permit
      insert security policies from-zone a to-zone b policy ssh before policy deny-all
      delete security policies from-zone a to-zone b policy ssh match application junos-telnet

      """
    let ruleset = try #require(FirewallParser.parse(text: text, file: "insert.set", vendor: .juniperSRX).ruleset)
    let tracer = Tracer(ruleset: ruleset)
    #expect(
      tracer.trace(try Self.packet("10.0.0.1", "10.0.1.1", proto: 6, dport: 22, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
        .verdict == .allow)
    #expect(
      tracer.trace(try Self.packet("10.0.0.1", "10.0.1.1", proto: 6, dport: 23, in: "ge-0/0/0.0", out: "ge-0/0/1.0"))
        .verdict == .deny)
  }

  @Test func routerWithoutSecurityFailsClosed() {
    let result = FirewallParser.parse(
      text: "set system host-name r1\nset interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24\n", file: "r.set",
      vendor: .juniperSRX)
    #expect(result.ruleset == nil)
    #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
  }

  @Test func unclosedBlockIsAnError() {
    let result = FirewallParser.parse(text: "security {\n    policies {\n", file: "x.conf", vendor: .juniperSRX)
    #expect(result.diagnostics.contains { $0.severity == .error && $0.code == FirewallDiagnosticCode.syntax.code })
  }
}
