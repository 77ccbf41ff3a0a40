import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The PAN-OS dialect: the corpus configs read with every statement accounted for, the lab-validation devices'
/// observed answers, and a hand-written plant configuration in all three syntaxes (XML, block, `set`).
@Suite struct PaloAltoTests {
  static let corpus = FixturePaths.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

  static func corpusConfigs() -> [String] {
    let folder = corpus.appendingPathComponent("configs/paloalto")
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

  /// The statements of a file, as the dialect reads them.
  static func statements(_ text: String, file: String) -> (statements: [ConfigStatement], syntax: [Diagnostic]) {
    if text.unicodeScalars.first(where: { !$0.properties.isWhitespace }) == "<" {
      let syntax = PanXMLSyntax(text: text, file: file)
      return (syntax.statements, syntax.diagnostics)
    }
    let syntax = HierarchicalConfigSyntax(text: text, file: file, commands: PaloAltoDialect.commands)
    return (syntax.statements, syntax.diagnostics)
  }

  // MARK: Corpus

  @Test func corpusIsPresentAndListed() throws {
    let configs = Self.corpusConfigs()
    #expect(configs.count == 166)
    let manifest = try String(contentsOf: Self.corpus.appendingPathComponent("configs/MANIFEST.tsv"), encoding: .utf8)
    for path in configs {
      let name = "configs/paloalto/" + URL(fileURLWithPath: path).lastPathComponent
      #expect(manifest.contains(name + "\t"), "\(name) has no MANIFEST.tsv row")
    }
  }

  /// Every corpus config is recognised as PAN-OS and every statement is read into the configuration, known not to
  /// decide which packets pass (with a note for its group), or reported at its line; a refused file says why.
  @Test(arguments: corpusConfigs())
  func everyStatementIsAccountedFor(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(FirewallDialects.detect(text)?.vendor == .paloalto)
    let (statements, syntax) = Self.statements(text, file: path)
    #expect(syntax.allSatisfy { $0.location.line > 0 }, "\(syntax)")
    var reader = PaloAltoReader(file: path)
    _ = reader.read(statements)
    let result = FirewallParser.parse(contentsOf: path, vendor: .paloalto)
    let reported = Set(result.diagnostics.map(\.location.line))
    var unaccounted: [Int] = []
    for statement in statements {
      let lines = statement.line...max(statement.line, statement.lastLine)
      let accounted = lines.contains {
        reader.readLines.contains($0) || reader.ignoredLines.contains($0) || reported.contains($0)
      }
      if !accounted { unaccounted.append(statement.line) }
    }
    #expect(unaccounted.isEmpty, "statements neither read nor reported at lines \(unaccounted)")
    // Ignored groups each have a note (BH450) somewhere in the file.
    if !reader.ignoredLines.isEmpty {
      #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.panNotEvaluated.code })
    }
    if result.ruleset == nil {
      #expect(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    }
  }

  /// The corpus as a whole: how many files parse, how many are refused (each with its reason).
  @Test func corpusFigures() throws {
    var parsed = 0
    var refused: [String] = []
    for path in Self.corpusConfigs() {
      let result = FirewallParser.parse(contentsOf: path, vendor: .paloalto)
      if result.ruleset != nil {
        parsed += 1
      } else {
        refused.append(URL(fileURLWithPath: path).lastPathComponent)
      }
    }
    print("PAN-OS corpus: \(parsed) parsed, \(refused.count) refused (fail closed): \(refused.joined(separator: ", "))")
    #expect(parsed >= 120)
  }

  // MARK: lab-validation

  /// lab-validation `panos_fw_policy_app_override`: a PA-VM (PAN-OS 8.1.0) between `inside` (192.168.123.1, zone
  /// trust, ethernet1/1) and `outside` (192.168.123.6, zone untrust, ethernet1/2). Its rules allow by application
  /// (ping, ssh, and the custom TCP_9100/UDP_9200 given by application-override rules) with service
  /// application-default. Observed: tcp/9100 and udp/9200 pass; tcp/9101 and udp/9201 are denied once App-ID has
  /// seen the traffic (the device passes the first four packets while it identifies them: a transient Bulkhead
  /// does not model, it reports the verdict of the connection); ping passes both ways.
  @Test func labValidationAppOverride() throws {
    let lab = Self.corpus.appendingPathComponent("baselines/lab-validation/panos_fw_policy_app_override/show")
    let config = Self.corpus.appendingPathComponent("configs/paloalto/labval__panos_fw_policy_app_override__fw.txt")
    let result = FirewallParser.parse(contentsOf: config.path)
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    #expect(ruleset.vendor == .paloalto)
    let tracer = Tracer(ruleset: ruleset)
    func read(_ relative: String) throws -> String {
      try String(contentsOf: lab.appendingPathComponent(relative), encoding: .utf8)
    }
    var agreed = 0
    for (proto, number, port) in [
      ("tcp", UInt8(6), UInt16(9100)), ("tcp", 6, 9101), ("udp", 17, 9200), ("udp", 17, 9201),
    ] {
      let server = try read("outside/server_192.168.123.6_\(proto)_\(port).txt")
      // All eight numbered packets reached the server exactly when the firewall let the connection through; a
      // denied one shows the first four (App-ID's identification window).
      let observed: Verdict = server.contains("packet8:") ? .allow : .deny
      if observed == .deny { #expect(server.contains("packet4:") && !server.contains("packet5:")) }
      let trace = tracer.trace(
        try Self.packet(
          "192.168.123.1", "192.168.123.6", proto: number, dport: port, in: "ethernet1/1", out: "ethernet1/2"))
      #expect(trace.verdict == observed, "\(proto)/\(port): observed \(observed), \(trace.rule?.text ?? "policy")")
      if trace.verdict == observed { agreed += 1 }
    }
    for (from, to, i, o) in [
      ("192.168.123.1", "192.168.123.6", "ethernet1/1", "ethernet1/2"),
      ("192.168.123.6", "192.168.123.1", "ethernet1/2", "ethernet1/1"),
    ] {
      let side = from == "192.168.123.1" ? "inside" : "outside"
      let ping = try read("\(side)/ping_-c_1_-S_\(from)_\(to).txt")
      let observed: Verdict = ping.contains(" 1 received") ? .allow : .deny
      let trace = tracer.trace(try Self.packet(from, to, proto: 1, icmpType: 8, in: i, out: o))
      #expect(trace.verdict == observed, "ping \(from) -> \(to)")
      if trace.verdict == observed { agreed += 1 }
    }
    #expect(agreed == 6)
    // The application restriction is said, not hidden.
    #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.panApplication.code })
  }

  /// lab-validation `palo_alto_nat_2..10`: h1 (10.11.11.2, zone z1, ethernet1/1) pings 10.13.13.2 (h3, zone z2,
  /// ethernet1/3); variants add security rules and destination NAT to h5 (10.15.15.2, zone z3, ethernet1/5) or
  /// source NAT; `show/connectivity.yaml` records whether the ping succeeded. PAN-OS matches security rules on the
  /// original addresses and the zone the translated destination is routed to; Bulkhead evaluates the original
  /// addresses and takes the egress interface as given, so the trace leaves by the interface towards the
  /// translated address (read from the recorded translation and the interface addresses). The NAT rules are
  /// recorded in `Ruleset.translations`.
  @Test(arguments: [2, 3, 4, 5, 7, 8, 9, 10])
  func labValidationNATVariant(variant: Int) throws {
    let folder = Self.corpus.appendingPathComponent("baselines/lab-validation/palo_alto_nat_\(variant)")
    let connectivity = try String(
      contentsOf: folder.appendingPathComponent("show/connectivity.yaml"), encoding: .utf8)
    let observed: Verdict = connectivity.contains("disposition: success") ? .allow : .deny
    let config = Self.corpus.appendingPathComponent("configs/paloalto/labval__palo_alto_nat_\(variant)__pa.txt")
    let result = FirewallParser.parse(contentsOf: config.path)
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    let interfaces: [(String, IPNetwork)] = [
      ("ethernet1/1", try #require(IPNetwork("10.11.11.0/24"))),
      ("ethernet1/3", try #require(IPNetwork("10.13.13.0/24"))),
      ("ethernet1/5", try #require(IPNetwork("10.15.15.0/24"))),
    ]
    var destination = try #require(IPAddress("10.13.13.2"))
    if let dnat = ruleset.translations.first(where: { $0.kind == .destination }),
      dnat.original.contains(where: { $0.contains(destination) }), let to = dnat.translated.first
    {
      destination = to.first
    }
    let egress = try #require(interfaces.first { $0.1.contains(destination) }?.0)
    let trace = Tracer(ruleset: ruleset).trace(
      try Self.packet("10.11.11.2", "10.13.13.2", proto: 1, icmpType: 8, in: "ethernet1/1", out: egress))
    #expect(trace.verdict == observed, "nat_\(variant): observed \(observed), \(trace.rule?.text ?? "policy")")
    // Every NAT rule of the variant is recorded as a translation.
    let text = try String(contentsOf: config, encoding: .utf8)
    let natRules = text.contains("destination-translation") || text.contains("source-translation") ? 1 : 0
    #expect(ruleset.translations.count == natRules)
  }

  // MARK: The plant fixture, in three syntaxes

  static func boundary(_ name: String = "plant-boundary.set") throws -> ParseResult {
    FirewallParser.parse(contentsOf: FixturePaths.fixture("paloalto/\(name)"))
  }

  @Test func theThreeSyntaxesGiveTheSamePacketSpace() throws {
    let set = try #require(try Self.boundary().ruleset)
    let xml = try #require(try Self.boundary("plant-boundary.xml").ruleset)
    let text = try String(contentsOfFile: FixturePaths.fixture("paloalto/plant-boundary.set"), encoding: .utf8)
    // The block syntax, derived from the same set lines by the reader's own statements: `a b c;` per line.
    let block =
      "config {\n  devices {\n    localhost.localdomain {\n      vsys {\n        vsys1 {\n"
      + text.split(separator: "\n").filter { !$0.hasPrefix("set deviceconfig") && !$0.hasPrefix("set network") }
      .map { "          " + $0.dropFirst(4) + ";" }.joined(separator: "\n")
      + "\n        }\n      }\n    }\n  }\n}\n"
    let blockResult = FirewallParser.parse(text: block, file: "block.txt")
    let hierarchical = try #require(blockResult.ruleset, "\(blockResult.diagnostics)")
    let interfaces = (1...5).map { "ethernet1/\($0)" }
    let space = PacketSpace(rulesets: [set, xml, hierarchical], extraInterfaces: interfaces)
    let reference = PolicyEvaluator(space: space, ruleset: set).permitted(entry: "forward")
    #expect(PolicyEvaluator(space: space, ruleset: xml).permitted(entry: "forward") == reference)
    #expect(PolicyEvaluator(space: space, ruleset: hierarchical).permitted(entry: "forward") == reference)
    #expect(set.zones.map(\.name) == ["it", "dmz", "ot"])
    #expect(xml.zones.map(\.interfaces) == set.zones.map(\.interfaces))
  }

  @Test func zonesObjectsOrderAndDefaults() throws {
    let result = try Self.boundary()
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    let tracer = Tracer(ruleset: ruleset)
    // SCADA -> PLC-1 Modbus: SCADA-PLC (before DENY-MODBUS), with the objects it names.
    let allowed = tracer.trace(
      try Self.packet("10.10.0.5", "10.20.0.10", proto: 6, dport: 502, in: "ethernet1/1", out: "ethernet1/3"))
    #expect(allowed.verdict == .allow && allowed.rule?.comment == "SCADA-PLC")
    #expect(
      allowed.rule?.objects == [
        "zone it", "zone ot", "address SCADA", "address-group OT-PLCs",
        "service-group OT-PROTOCOLS",
      ])
    // The zone's other interface, and the range member.
    #expect(
      tracer.trace(
        try Self.packet("10.10.0.5", "10.20.0.12", proto: 6, dport: 102, in: "ethernet1/1", out: "ethernet1/4")
      ).verdict == .allow)
    // Another source: Modbus meets DENY-MODBUS, S7 the interzone default.
    let denied = tracer.trace(
      try Self.packet("10.10.0.9", "10.20.0.10", proto: 6, dport: 502, in: "ethernet1/1", out: "ethernet1/3"))
    #expect(denied.verdict == .deny && denied.rule?.comment == "DENY-MODBUS")
    let interzone = tracer.trace(
      try Self.packet("10.10.0.9", "10.20.0.10", proto: 6, dport: 102, in: "ethernet1/1", out: "ethernet1/3"))
    #expect(interzone.verdict == .deny && interzone.rule == nil)
    #expect(ruleset.tables.first?.chain(named: interzone.chain)?.implicitPolicy == "interzone-default (deny)")
    // negate-destination: anything but the historian is dropped; the historian gets HTTPS only.
    #expect(
      tracer.trace(
        try Self.packet("10.10.0.9", "10.30.0.20", proto: 6, dport: 443, in: "ethernet1/1", out: "ethernet1/2")
      ).verdict == .allow)
    let negated = tracer.trace(
      try Self.packet("10.10.0.9", "10.30.0.50", proto: 6, dport: 80, in: "ethernet1/1", out: "ethernet1/2"))
    #expect(negated.verdict == .deny && negated.rule?.comment == "NOT-HISTORIAN")
    // intrazone-default overridden to deny: ot to ot is denied, cited at the override's line.
    let intrazone = tracer.trace(
      try Self.packet("10.20.0.10", "10.20.1.5", proto: 17, dport: 9, in: "ethernet1/3", out: "ethernet1/4"))
    #expect(intrazone.verdict == .deny && intrazone.rule?.line == 92)
    // An interface in no zone passes nothing; return traffic passes.
    #expect(
      tracer.trace(
        try Self.packet("10.99.0.5", "10.30.0.20", proto: 6, dport: 443, in: "ethernet1/5", out: "ethernet1/2")
      ).verdict == .deny)
    var reply = try Self.packet(
      "10.20.0.10", "10.10.0.5", proto: 6, sport: 502, dport: 40000, in: "ethernet1/3", out: "ethernet1/1")
    reply.state = .established
    #expect(tracer.trace(reply).verdict == .allow)
  }

  @Test func applicationsDisabledRulesAndUnmodeledObjects() throws {
    let result = try Self.boundary()
    let ruleset = try #require(result.ruleset)
    let tracer = Tracer(ruleset: ruleset)
    // OT-APPS (modbus, dnp3) with application-default: their standard ports, App-ID assumed.
    let modbus = tracer.trace(
      try Self.packet("10.20.0.10", "10.30.0.20", proto: 6, dport: 502, in: "ethernet1/3", out: "ethernet1/2"))
    #expect(modbus.verdict == .allow && modbus.rule?.comment == "OT-APPS-HISTORIAN")
    #expect(modbus.notes.contains { $0.contains("unsupported condition assumed to hold") })
    #expect(
      tracer.trace(
        try Self.packet("10.20.0.10", "10.30.0.20", proto: 17, dport: 20000, in: "ethernet1/3", out: "ethernet1/2")
      ).verdict == .allow)
    #expect(
      tracer.trace(
        try Self.packet("10.20.0.10", "10.30.0.20", proto: 6, dport: 503, in: "ethernet1/3", out: "ethernet1/2")
      ).verdict == .deny)
    // The disabled rule is not evaluated, and says so at its line.
    #expect(
      tracer.trace(
        try Self.packet("10.30.0.20", "10.20.0.10", proto: 6, dport: 502, in: "ethernet1/2", out: "ethernet1/3")
      ).verdict == .deny)
    #expect(
      ruleset.diagnostics.contains { $0.code == FirewallDiagnosticCode.panDisabled.code && $0.location.line == 69 })
    // An FQDN destination is assumed to match (the rule allows); the service's source range still applies.
    #expect(
      tracer.trace(
        try Self.packet("10.20.0.10", "10.30.0.77", proto: 17, dport: 2222, in: "ethernet1/3", out: "ethernet1/2")
      ).verdict == .allow)
    #expect(
      tracer.trace(
        try Self.packet(
          "10.20.0.10", "10.30.0.77", proto: 17, sport: 1000, dport: 2222, in: "ethernet1/3", out: "ethernet1/2")
      ).verdict == .deny)
    // The dynamic group's deny is assumed not to hold, and the group is reported.
    #expect(
      ruleset.diagnostics.contains {
        $0.code == FirewallDiagnosticCode.panNotModeled.code && $0.message.contains("QUARANTINE")
      })
    // Ping between dmz and ot (interzone only), not from it.
    #expect(
      tracer.trace(
        try Self.packet("10.30.0.20", "10.20.0.10", proto: 1, icmpType: 8, in: "ethernet1/2", out: "ethernet1/3")
      )
      .verdict == .allow)
    #expect(
      tracer.trace(
        try Self.packet("10.10.0.9", "10.20.0.10", proto: 1, icmpType: 8, in: "ethernet1/1", out: "ethernet1/3")
      )
      .verdict == .deny)
    // The destination NAT rule is recorded.
    #expect(ruleset.translations.count == 1)
    #expect(ruleset.translations.first?.kind == .destination)
    #expect(ruleset.translations.first?.translated.map(\.description) == ["10.30.0.20/32"])
  }

  @Test func packetSpaceAgreesWithTracer() throws {
    let ruleset = try #require(try Self.boundary().ruleset)
    let interfaces = (1...5).map { "ethernet1/\($0)" }
    let space = PacketSpace(rulesets: [ruleset], extraInterfaces: interfaces)
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    let tracer = Tracer(ruleset: ruleset)
    var generator = SeededGenerator(seed: 47)
    let addresses = ["10.10.0.5", "10.10.0.9", "10.20.0.10", "10.20.0.12", "10.20.1.5", "10.30.0.20", "10.30.0.77"]
    let ports: [UInt16] = [22, 80, 102, 443, 502, 2222, 20000]
    for _ in 0..<2000 {
      var p = try Self.packet(
        addresses.randomElement(using: &generator) ?? "", addresses.randomElement(using: &generator) ?? "",
        proto: [6, 17, 1].randomElement(using: &generator) ?? 6, dport: ports.randomElement(using: &generator) ?? 0,
        in: interfaces.randomElement(using: &generator) ?? "", out: interfaces.randomElement(using: &generator) ?? "")
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

  @Test func setCommandsDeleteAndMove() throws {
    let text = """
      set zone a network layer3 ethernet1/1
      set zone b network layer3 ethernet1/2
      set rulebase security rules R1 from a
      set rulebase security rules R1 to b
      set rulebase security rules R1 source any
      set rulebase security rules R1 destination any
      set rulebase security rules R1 service any
      set rulebase security rules R1 application any
      set rulebase security rules R1 action deny
      set rulebase security rules R2 from a
      set rulebase security rules R2 to b
      set rulebase security rules R2 source [ 10.0.0.1 10.0.0.2 ]
      set rulebase security rules R2 source 10.0.0.3
      set rulebase security rules R2 destination any
      set rulebase security rules R2 service any
      set rulebase security rules R2 application any
      set rulebase security rules R2 action allow
      move rulebase security rules R2 top
      delete rulebase security rules R2 source 10.0.0.2

      """
    let ruleset = try #require(FirewallParser.parse(text: text, file: "moves.set").ruleset)
    let tracer = Tracer(ruleset: ruleset)
    func verdict(_ source: String) throws -> Verdict {
      tracer.trace(try Self.packet(source, "10.9.9.9", proto: 6, dport: 80, in: "ethernet1/1", out: "ethernet1/2"))
        .verdict
    }
    #expect(try verdict("10.0.0.1") == .allow)
    #expect(try verdict("10.0.0.3") == .allow)
    #expect(try verdict("10.0.0.2") == .deny)
    #expect(try verdict("10.0.0.4") == .deny)
  }

  @Test func panoramaRuleOrder() throws {
    // shared pre, device-group pre, local, device-group post, shared post (PAN-OS Panorama rule order).
    let text = """
      set zone z1 network layer3 ethernet1/1
      set zone z2 network layer3 ethernet1/2
      set shared pre-rulebase security rules SP from any
      set shared pre-rulebase security rules SP to any
      set shared pre-rulebase security rules SP source any
      set shared pre-rulebase security rules SP destination 10.0.0.1
      set shared pre-rulebase security rules SP service any
      set shared pre-rulebase security rules SP application any
      set shared pre-rulebase security rules SP action deny
      set device-group DG pre-rulebase security rules DP from any
      set device-group DG pre-rulebase security rules DP to any
      set device-group DG pre-rulebase security rules DP source any
      set device-group DG pre-rulebase security rules DP destination [ 10.0.0.1 10.0.0.2 ]
      set device-group DG pre-rulebase security rules DP service any
      set device-group DG pre-rulebase security rules DP application any
      set device-group DG pre-rulebase security rules DP action allow
      set rulebase security rules LOCAL from any
      set rulebase security rules LOCAL to any
      set rulebase security rules LOCAL source any
      set rulebase security rules LOCAL destination [ 10.0.0.2 10.0.0.3 ]
      set rulebase security rules LOCAL service any
      set rulebase security rules LOCAL application any
      set rulebase security rules LOCAL action deny
      set device-group DG post-rulebase security rules DQ from any
      set device-group DG post-rulebase security rules DQ to any
      set device-group DG post-rulebase security rules DQ source any
      set device-group DG post-rulebase security rules DQ destination [ 10.0.0.3 10.0.0.4 ]
      set device-group DG post-rulebase security rules DQ service any
      set device-group DG post-rulebase security rules DQ application any
      set device-group DG post-rulebase security rules DQ action allow
      set shared post-rulebase security rules SQ from any
      set shared post-rulebase security rules SQ to any
      set shared post-rulebase security rules SQ source any
      set shared post-rulebase security rules SQ destination [ 10.0.0.4 10.0.0.5 ]
      set shared post-rulebase security rules SQ service any
      set shared post-rulebase security rules SQ application any
      set shared post-rulebase security rules SQ action deny

      """
    let ruleset = try #require(FirewallParser.parse(text: text, file: "panorama.set").ruleset)
    let tracer = Tracer(ruleset: ruleset)
    let expected: [(String, String?)] = [
      ("10.0.0.1", "SP"), ("10.0.0.2", "DP"), ("10.0.0.3", "LOCAL"), ("10.0.0.4", "DQ"), ("10.0.0.5", "SQ"),
      ("10.0.0.6", nil),
    ]
    for (destination, rule) in expected {
      let trace = tracer.trace(
        try Self.packet("10.1.1.1", destination, proto: 6, dport: 80, in: "ethernet1/1", out: "ethernet1/2"))
      #expect(trace.rule?.comment == rule, "\(destination)")
    }
  }

  @Test func severalDeviceGroupsWithRulesFailClosed() {
    let text = """
      set device-group A pre-rulebase security rules R from any
      set device-group A pre-rulebase security rules R to any
      set device-group A pre-rulebase security rules R action allow
      set device-group B pre-rulebase security rules R from any
      set device-group B pre-rulebase security rules R to any
      set device-group B pre-rulebase security rules R action deny

      """
    let result = FirewallParser.parse(text: text, file: "two-dgs.set", vendor: .paloalto)
    #expect(result.ruleset == nil)
    #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
  }

  @Test func noRulebaseFailsClosed() {
    let result = FirewallParser.parse(
      text: "set deviceconfig system hostname fw\n", file: "x.set", vendor: .paloalto)
    #expect(result.ruleset == nil)
    #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
  }

  @Test func truncatedXMLIsAnError() {
    let result = FirewallParser.parse(
      text: "<config><devices><entry name=\"x\"><vsys><entry name=\"vsys1\"><rulebase>", file: "x.xml",
      vendor: .paloalto)
    #expect(result.diagnostics.contains { $0.severity == .error && $0.code == FirewallDiagnosticCode.syntax.code })
  }
}
