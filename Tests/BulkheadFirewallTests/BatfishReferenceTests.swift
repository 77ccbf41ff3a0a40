import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// Batfish's reference answers for the iptables snapshots in the corpus subset (baselines/batfish/).
@Suite struct BatfishReferenceTests {
  private func corpus() throws -> URL {
    let root = FixturePaths.corpus
    try #require(
      FileManager.default.fileExists(atPath: root.appendingPathComponent("baselines/batfish").path),
      "no Tests/Fixtures/corpus/baselines/batfish (the corpus subset ships with the repository)")
    return root
  }

  /// basic__testfilters.ref: each row is (node, filter, flow, action, line); every row must match our tracer.
  @Test func testFiltersAnswersMatch() throws {
    let root = try corpus()
    let data = try Data(contentsOf: root.appendingPathComponent("baselines/batfish/basic__testfilters.ref"))
    let answers = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    var checked = 0
    for answer in answers {
      for row in answer["rows"] as? [[String: Any]] ?? [] {
        let node = try #require((row["Node"] as? [String: Any])?["name"] as? String)
        let filter = try #require(row["Filter_Name"] as? String)
        let flow = try #require(row["Flow"] as? [String: Any])
        let action = try #require(row["Action"] as? String)
        let lineContent = row["Line_Content"] as? String
        let path = root.appendingPathComponent("configs/iptables/batfish__example-live__\(node).iptables").path
        let ruleset = try #require(FirewallParser.parse(contentsOf: path, vendor: .iptables).ruleset)
        let chain = String(filter.split(separator: ":").last ?? "")
        let packet = Packet(
          source: try #require(IPAddress(flow["srcIp"] as? String ?? "")),
          destination: try #require(IPAddress(flow["dstIp"] as? String ?? "")),
          proto: try #require(ProtocolNames.number(Substring((flow["ipProtocol"] as? String ?? "").lowercased()))),
          sourcePort: UInt16(flow["srcPort"] as? Int ?? 0), destinationPort: UInt16(flow["dstPort"] as? Int ?? 0),
          state: ConnectionState(rawValue: (flow["state"] as? String ?? "new").lowercased()) ?? .new)
        let result = Tracer(ruleset: ruleset).trace(packet, entry: chain)
        #expect(result.verdict == (action == "PERMIT" ? .allow : .deny), "\(node) \(filter)")
        // Batfish says "default" when the chain policy decided.
        if lineContent == "default" {
          #expect(result.rule == nil, "\(node) \(filter): \(String(describing: result.rule))")
        }
        checked += 1
      }
    }
    #expect(checked == 6)
  }

  /// basic__example-iptables-init.ref: z2-host2.v4 and z1-firewall.v4 both parse (PASSED). z1-firewall.v4 filters
  /// only in mangle PREROUTING (policy DROP, three accepts): a forwarded packet crosses that chain before any filter
  /// chain, so Bulkhead evaluates it as part of the forward path (issue 22; kernel-checked by the
  /// `ipt-raw-mangle-drops` fixture).
  @Test func exampleIptablesInitParseStatus() throws {
    let root = try corpus()
    let z2 = FirewallParser.parse(
      contentsOf: root.appendingPathComponent("configs/iptables/batfish__iptables-firewall__z2-host2.v4").path,
      vendor: .iptables)
    #expect(z2.ruleset != nil)
    #expect(!z2.diagnostics.contains { $0.severity == .error })
    let z1 = FirewallParser.parse(
      contentsOf: root.appendingPathComponent("configs/iptables/batfish__iptables-firewall__z1-firewall.v4").path,
      vendor: .iptables)
    let ruleset = try #require(z1.ruleset, "\(z1.diagnostics)")
    #expect(!z1.diagnostics.contains { $0.severity == .error })
    let tracer = Tracer(ruleset: ruleset)
    func verdict(_ source: String, _ interface: String) throws -> Verdict {
      let packet = Packet(
        source: try #require(IPAddress(source)), destination: try #require(IPAddress("10.0.9.9")), proto: 6,
        sourcePort: 40000, destinationPort: 80, inInterface: interface, outInterface: "eth2")
      return tracer.trace(packet).verdict
    }
    #expect(try verdict("10.0.4.7", "eth0") == .allow)
    #expect(try verdict("10.0.4.7", "eth1") == .deny)
    #expect(try verdict("10.0.3.7", "eth1") == .allow)
    #expect(try verdict("10.0.5.7", "eth0") == .deny)
  }

  /// parsing-errors-tests__init-invalid-iptables.ref: Batfish reports host1.iptables FAILED. The file differs from
  /// example-live host1 only by `-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT`, which is valid:
  /// `iptables-restore --test` (iptables 1.8.9) accepts the file. Bulkhead follows the kernel's tools, parses it
  /// without any diagnostic, and this test pins that deliberate divergence from the Batfish answer.
  @Test func invalidIptablesReferenceIsABatfishGrammarGap() throws {
    let root = try corpus()
    let ref = try String(
      contentsOf: root.appendingPathComponent("baselines/batfish/parsing-errors-tests__init-invalid-iptables.ref"),
      encoding: .utf8)
    #expect(ref.contains("\"iptables/host1.iptables\" : \"FAILED\""))
    let result = FirewallParser.parse(
      contentsOf: root.appendingPathComponent("configs/iptables/batfish__invalid-iptables__host1.iptables").path,
      vendor: .iptables)
    let ruleset = try #require(result.ruleset)
    #expect(result.diagnostics.isEmpty)
    let input = try #require(ruleset.tables.first { $0.name == "filter" }?.chain(named: "INPUT"))
    #expect(input.rules.last?.matches == [.state([.related, .established], negated: false)])
  }
}
