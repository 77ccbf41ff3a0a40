import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The FortiGate dialect: the corpus configs read with every section accounted for, the lab-validation device's
/// observed allow/deny answers, and one hand-written configuration per semantic rule.
@Suite struct FortiGateTests {
  static let corpus = FixturePaths.packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

  static func corpusConfigs() -> [String] {
    let folder = corpus.appendingPathComponent("configs/fortigate")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
      folder.appendingPathComponent($0).path
    }
  }

  static func parse(_ path: String) -> ParseResult { FirewallParser.parse(contentsOf: path, vendor: .fortigate) }

  static func packet(
    _ source: String, _ destination: String, proto: UInt8, dport: UInt16 = 0, icmpType: UInt8 = 0, in i: String,
    out o: String
  ) throws -> Packet {
    Packet(
      source: try #require(IPAddress(source)), destination: try #require(IPAddress(destination)), proto: proto,
      sourcePort: proto == 1 ? 0 : 40000, destinationPort: dport, icmpType: icmpType, inInterface: i,
      outInterface: o)
  }

  // MARK: Corpus

  @Test func corpusIsPresentAndListed() throws {
    let configs = Self.corpusConfigs()
    #expect(configs.count == 81)
    let manifest = try String(
      contentsOf: Self.corpus.appendingPathComponent("configs/MANIFEST.tsv"), encoding: .utf8)
    for path in configs {
      let name = "configs/fortigate/" + URL(fileURLWithPath: path).lastPathComponent
      #expect(manifest.contains(name + "\t"), "\(name) has no MANIFEST.tsv row")
    }
  }

  /// Every corpus config is recognised as FortiOS, is valid syntax (every line is a statement of the tree), and
  /// every top-level section is either read into the IR or reported at its line.
  @Test(arguments: corpusConfigs())
  func everyLineIsAccountedFor(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(FirewallDialects.detect(text)?.vendor == .fortigate)
    // Syntax: every line is a statement of the tree, or reported at its line (Batfish's *_warn files hold invalid
    // edit commands on purpose: `move 3 before 99999`).
    let tree = FortiConfigTree(text: text, file: path)
    #expect(tree.diagnostics.allSatisfy { $0.location.line > 0 }, "\(tree.diagnostics)")
    if !path.contains("warn") && !path.contains("defs_refs") {
      #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics)")
    }
    let result = Self.parse(path)
    let reported = Set(result.diagnostics.map(\.location.line))
    func check(_ sections: [FortiConfigTree.Section]) {
      for section in sections {
        if section.name == "vdom" || section.name == "global" {
          check(section.sections + section.entries.flatMap(\.sections))
          continue
        }
        let modeled = FortiGateReader.modeled.contains(section.name)
        #expect(modeled || reported.contains(section.line), "config \(section.name) at line \(section.line)")
      }
    }
    check(tree.sections)
    if result.ruleset == nil {
      // Refused files say why, with an error.
      #expect(result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
    }
  }

  /// lab-validation `fortios_fw_policy_basic`: a real FortiGate VM (FortiOS 6.4.4) between `inside`
  /// (192.168.123.1, on port2) and `outside` (192.168.123.6, on port3); the hosts' own probes say what passed.
  @Test func labValidationObservedAnswers() throws {
    let lab = Self.corpus.appendingPathComponent("baselines/lab-validation/fortios_fw_policy_basic/show")
    let config = Self.corpus.appendingPathComponent("configs/fortigate/labval__fortios_fw_policy_basic__fw.conf")
    let ruleset = try #require(Self.parse(config.path).ruleset)
    let tracer = Tracer(ruleset: ruleset)
    func read(_ relative: String) throws -> String {
      try String(contentsOf: lab.appendingPathComponent(relative), encoding: .utf8)
    }
    var checked = 0
    for (proto, number, port) in [
      ("tcp", UInt8(6), UInt16(9100)), ("tcp", 6, 9101), ("udp", 17, 9200), ("udp", 17, 9201),
    ] {
      // The server saw the client's numbered packets exactly when the firewall passed them.
      let server = try read("outside/server_192.168.123.6_\(proto)_\(port).txt")
      let observed: Verdict = server.contains("packet1:") ? .allow : .deny
      let p = try Self.packet("192.168.123.1", "192.168.123.6", proto: number, dport: port, in: "port2", out: "port3")
      #expect(tracer.trace(p).verdict == observed, "\(proto)/\(port): observed \(observed)")
      checked += 1
    }
    for (from, to, i, o) in [
      ("192.168.123.1", "192.168.123.6", "port2", "port3"), ("192.168.123.6", "192.168.123.1", "port3", "port2"),
    ] {
      let side = from == "192.168.123.1" ? "inside" : "outside"
      let ping = try read("\(side)/ping_-c_1_-S_\(from)_\(to).txt")
      let observed: Verdict = ping.contains(" 1 received") ? .allow : .deny
      #expect(tracer.trace(try Self.packet(from, to, proto: 1, icmpType: 8, in: i, out: o)).verdict == observed)
      checked += 1
    }
    #expect(checked == 6)
  }

  // MARK: Semantics, on plant-boundary.conf

  static func boundary() throws -> Ruleset {
    let result = FirewallParser.parse(contentsOf: FixturePaths.fixture("fortigate/plant-boundary.conf"))
    return try #require(result.ruleset, "\(result.diagnostics)")
  }

  @Test func zonesGroupsExclusionsAndOrder() throws {
    let ruleset = try Self.boundary()
    #expect(ruleset.vendor == .fortigate)
    #expect(ruleset.zones.map(\.name) == ["ot"])
    #expect(ruleset.zones.first?.interfaces == ["port2", "port4"])
    let tracer = Tracer(ruleset: ruleset)
    // SCADA -> PLC-1 Modbus: policy 10 (before the Modbus deny of policy 12).
    let allowed = tracer.trace(
      try Self.packet("10.10.0.5", "10.20.0.10", proto: 6, dport: 502, in: "port1", out: "port2"))
    #expect(allowed.verdict == .allow)
    #expect(allowed.rule?.line == 77)
    #expect(allowed.rule?.objects == ["zone ot", "address SCADA", "addrgrp OT-PLCs", "service group OT-PROTOCOLS"])
    // The zone's other member interface is covered too.
    #expect(
      tracer.trace(try Self.packet("10.10.0.5", "10.20.0.11", proto: 6, dport: 102, in: "port1", out: "port4")).verdict
        == .allow)
    // PLC-SPARE (10.20.0.12) is excluded from OT-PLCs: Modbus to it falls to policy 12's deny.
    let spare = tracer.trace(
      try Self.packet("10.10.0.5", "10.20.0.12", proto: 6, dport: 502, in: "port1", out: "port2"))
    #expect(spare.verdict == .deny && spare.rule?.line == 98)
    // Another source: S7 is not in policy 12 and not allowed anywhere: the implicit deny, cited as such.
    let implicit = tracer.trace(
      try Self.packet("10.10.0.9", "10.20.0.10", proto: 6, dport: 102, in: "port1", out: "port2"))
    #expect(implicit.verdict == .deny && implicit.rule == nil)
    #expect(ruleset.tables.first?.chain(named: implicit.chain)?.implicitPolicy == "implicit deny (policy 0)")
  }

  @Test func negatedServiceDisabledPolicyIntrazoneAndSessions() throws {
    let ruleset = try Self.boundary()
    let tracer = Tracer(ruleset: ruleset)
    // Policy 13: port1 -> port3 anything except Modbus and S7.
    #expect(
      tracer.trace(try Self.packet("10.10.0.9", "10.30.0.9", proto: 6, dport: 443, in: "port1", out: "port3")).verdict
        == .allow)
    #expect(
      tracer.trace(try Self.packet("10.10.0.9", "10.30.0.9", proto: 6, dport: 502, in: "port1", out: "port3")).verdict
        == .deny)
    #expect(
      tracer.trace(try Self.packet("10.10.0.9", "10.30.0.9", proto: 17, dport: 53, in: "port1", out: "port3")).verdict
        == .allow)
    // Policy 11 is disabled: nothing from port3 passes, and the note says so at its line.
    #expect(
      tracer.trace(try Self.packet("10.30.0.9", "10.20.0.10", proto: 6, dport: 80, in: "port3", out: "port2")).verdict
        == .deny)
    #expect(
      ruleset.diagnostics.contains { $0.code == FirewallDiagnosticCode.fortiDisabled.code && $0.location.line == 87 })
    // Intrazone allow: port2 <-> port4 without a policy.
    #expect(
      tracer.trace(try Self.packet("10.20.0.10", "10.20.1.1", proto: 17, dport: 9, in: "port2", out: "port4")).verdict
        == .allow)
    // Return traffic of any session passes; IPv6 meets the implicit deny.
    var reply = try Self.packet("10.30.0.9", "10.10.0.9", proto: 6, dport: 40000, in: "port3", out: "port1")
    reply.state = .established
    #expect(tracer.trace(reply).verdict == .allow)
    let v6 = Packet(
      source: try #require(IPAddress("fd00::1")), destination: try #require(IPAddress("fd00::2")), proto: 6,
      sourcePort: 40000, destinationPort: 443, inInterface: "port1", outInterface: "port3")
    #expect(tracer.trace(v6).verdict == .deny)
  }

  @Test func unmodeledObjectsAreConservativeAndReported() throws {
    let ruleset = try Self.boundary()
    let tracer = Tracer(ruleset: ruleset)
    // Policy 14 names an FQDN address: assumed to match (it accepts), and the address is reported at its line.
    let fqdn = tracer.trace(
      try Self.packet("10.20.0.10", "10.30.0.77", proto: 6, dport: 44818, in: "port2", out: "port3"))
    #expect(fqdn.verdict == .allow)
    #expect(fqdn.notes.contains { $0.contains("unsupported condition assumed to hold") })
    #expect(
      ruleset.diagnostics.contains { $0.code == FirewallDiagnosticCode.fortiNotModeled.code && $0.location.line == 40 })
    // ENIP's UDP range carries a source range (2222:1024-65535): a source port below 1024 does not match.
    var low = try Self.packet("10.20.0.10", "10.30.0.77", proto: 17, dport: 2222, in: "port2", out: "port3")
    low.sourcePort = 1000
    #expect(tracer.trace(low).verdict == .deny)
    // The VIP is recorded as a destination translation, with its line.
    #expect(ruleset.translations.count == 1)
    #expect(ruleset.translations.first?.kind == .destination && ruleset.translations.first?.provenance.line == 70)
    #expect(ruleset.translations.first?.translated.map(\.description) == ["10.20.0.80/32"])
  }

  /// The packet-space engine and the tracer agree on the FortiGate IR (both read only the IR).
  @Test func packetSpaceAgreesWithTracer() throws {
    let ruleset = try Self.boundary()
    let space = PacketSpace(rulesets: [ruleset], extraInterfaces: ["port1", "port2", "port3", "port4"])
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    let tracer = Tracer(ruleset: ruleset)
    var generator = SeededGenerator(seed: 16)
    let addresses = ["10.10.0.5", "10.10.0.9", "10.20.0.10", "10.20.0.11", "10.20.0.12", "10.30.0.9", "10.30.0.77"]
    let ports: [UInt16] = [22, 80, 102, 443, 502, 2222, 44818]
    let interfaces = ["port1", "port2", "port3", "port4"]
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

  @Test func vdomsSeeOnlyTheirOwnInterfaces() throws {
    let text = """
      config vdom
      edit "root"
      next
      edit "ot"
      next
      end
      config global
      config system interface
          edit "port1"
              set vdom "root"
          next
          edit "port2"
              set vdom "root"
          next
          edit "port5"
              set vdom "ot"
          next
          edit "port6"
              set vdom "ot"
          next
      end
      end
      config vdom
      edit "root"
      config firewall policy
          edit 1
              set srcintf "any"
              set dstintf "any"
              set srcaddr "all"
              set dstaddr "all"
              set action accept
              set schedule "always"
              set service "ALL"
          next
      end
      next
      edit "ot"
      config firewall policy
      end
      next
      end

      """
    let ruleset = try #require(FirewallParser.parse(text: text, file: "vdoms.conf").ruleset)
    #expect(ruleset.tables.map(\.name) == ["root", "ot"])
    let tracer = Tracer(ruleset: ruleset)
    #expect(
      tracer.trace(try Self.packet("10.0.0.1", "10.0.1.1", proto: 6, dport: 80, in: "port1", out: "port2")).verdict
        == .allow)
    #expect(
      tracer.trace(try Self.packet("10.0.0.1", "10.0.1.1", proto: 6, dport: 80, in: "port5", out: "port6")).verdict
        == .deny)
  }

  @Test func noPolicySectionFailsClosed() {
    let result = FirewallParser.parse(text: "config system global\n    set hostname \"fw\"\nend\n", file: "x.conf")
    #expect(result.ruleset == nil)
    #expect(result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code })
  }

  @Test func truncatedFileIsAnError() {
    let result = FirewallParser.parse(
      text: "config firewall policy\n    edit 1\n        set action accept\n", file: "x.conf", vendor: .fortigate)
    #expect(result.diagnostics.contains { $0.severity == .error && $0.code == FirewallDiagnosticCode.syntax.code })
  }
}
