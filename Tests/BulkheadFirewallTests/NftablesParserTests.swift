import BulkheadModel
import Testing

@testable import BulkheadFirewall

@Suite struct NftablesParserTests {
  private func parse(_ name: String) throws -> Ruleset {
    let result = FirewallParser.parse(contentsOf: FixturePaths.fixture("nftables/\(name)"))
    return try #require(result.ruleset, "fixture \(name) failed: \(result.diagnostics)")
  }

  @Test func tablesChainsHooksPolicies() throws {
    let rs = try parse("forward-basic.json")
    #expect(rs.vendor == .nftables)
    let table = try #require(rs.tables.first)
    #expect(table.families == [.v4, .v6])
    let forward = try #require(table.chain(named: "forward"))
    #expect(forward.hook == .forward && forward.policy == .deny)
    #expect(table.chain(named: "input")?.policy == .allow)
    #expect(forward.rules.count == 5)
    let vendor = forward.rules[1]
    #expect(vendor.provenance.comment == "ACME vendor support 2019")
    #expect(vendor.provenance.handle != nil)
    #expect(vendor.provenance.line > 0)
    #expect(vendor.provenance.packets == 0)
    #expect(vendor.matches.contains(.inInterface([InterfacePattern(name: "ent0", isWildcard: false)], negated: false)))
    #expect(vendor.matches.contains(.outInterface([InterfacePattern(name: "ot", isWildcard: true)], negated: false)))
    #expect(vendor.matches.contains(.destinationPort([PortRange(502)], negated: false)))
    #expect(vendor.matches.contains(.proto([6], negated: false)))
    let ten = try #require(IPNetwork("10.20.0.0/16"))
    #expect(forward.rules[2].matches.contains(.source([AddressRange(ten)], negated: true)))
    #expect(forward.rules[3].matches.contains(.destinationPort([PortRange(lower: 1000, upper: 2000)], negated: false)))
    #expect(forward.rules[4].matches.contains(.icmp(.v4, types: [8], codes: nil, negated: false)))
    #expect(rs.diagnostics.isEmpty)
  }

  @Test func namedSetsAndVerdictMaps() throws {
    let rs = try parse("sets-and-vmap.json")
    let forward = try #require(rs.tables.first?.chain(named: "forward"))
    // The named map expands to one rule per element, all with the same provenance.
    #expect(forward.rules.count == 3 + 2 + 1)
    #expect(Set(forward.rules[0..<3].map(\.action)) == [.accept, .jump("s7"), .drop])
    #expect(Set(forward.rules[0..<3].map(\.provenance.handle)).count == 1)
    let plcs = try #require(
      forward.rules[0].matches.first {
        if case .destination = $0 { true } else { false }
      })
    if case .destination(let ranges, false) = plcs {
      #expect(ranges.count == 2)
      #expect(ranges.contains(AddressRange(first: IPAddress("10.50.12.10")!, last: IPAddress("10.50.12.20")!)!))
    }
    #expect(
      forward.rules[5].matches.contains(
        .destinationPort([PortRange(80), PortRange(443), PortRange(lower: 8000, upper: 8080)], negated: false)))
    #expect(rs.diagnostics.isEmpty)
  }

  @Test func jumpGotoLimitAndNat() throws {
    let rs = try parse("jump-goto.json")
    let fw = try #require(rs.tables.first { $0.name == "fw" })
    let forward = try #require(fw.chain(named: "forward"))
    #expect(forward.rules.map(\.action) == [.jump("sub_return"), .drop, .goto("sub_goto"), .drop, .accept])
    #expect(forward.rules[4].unsupported.count == 1)
    let nat = try #require(rs.tables.first { $0.name == "nat" })
    #expect(nat.chains.first?.isFilter == false)
    #expect(nat.chains.first?.hook == nil)
    let codes = rs.diagnostics.map(\.code)
    #expect(codes.contains("BH410"))  // limit
    #expect(codes.contains("BH421"))  // nat chain not modeled
    #expect(codes.contains("BH423"))  // dnat statement
  }

  @Test func sourceLinesComeFromTheNftFileBesideTheExport() throws {
    let rs = try parse("forward-basic.json")
    let forward = try #require(rs.tables.first?.chain(named: "forward"))
    #expect(forward.rules.map { $0.provenance.source?.line } == [4, 5, 6, 7, 8])
    #expect(forward.rules[1].provenance.source?.file.hasSuffix("forward-basic.nft") == true)
    let vmap = try parse("sets-and-vmap.json")
    let chain = try #require(vmap.tables.first?.chain(named: "forward"))
    #expect(chain.rules.map { $0.provenance.source?.line } == [17, 17, 17, 18, 18, 19])
  }

  @Test(arguments: ["forward-basic", "sets-and-vmap", "jump-goto"])
  func textAndJSONGiveTheSameRules(stem: String) throws {
    let json = try parse("\(stem).json")
    let text = try parse("\(stem).nft")
    // nft normalizes (drops an implied `meta l4proto`, sorts map elements): compare meaning, exactly.
    let space = PacketSpace(rulesets: [json, text])
    for hook in ["input", "forward"] {
      let a = PolicyEvaluator(space: space, ruleset: json).permitted(entry: hook)
      let b = PolicyEvaluator(space: space, ruleset: text).permitted(entry: hook)
      #expect(a == b, "\(stem) \(hook)")
    }
    #expect(json.filterRuleCount == text.filterRuleCount)
    // The text parser's lines are the .nft lines the JSON provenance points at.
    let jsonSources = json.tables.flatMap { $0.chains.flatMap { $0.rules.map { $0.provenance.source?.line ?? -1 } } }
    let textLines = text.tables.flatMap { $0.chains.flatMap { $0.rules.map(\.provenance.line) } }
    #expect(jsonSources.sorted() == textLines.sorted())
  }

  /// Kernel semantics found by the differential test: `ct state != a,b` is an exact comparison of the state bits
  /// (true for every packet); a reject's type is what is left of an inet table's family test.
  @Test func ctStateNotListAndRejectFamily() throws {
    let text = """
      table inet t {
        chain fwd {
          type filter hook forward priority 0; policy accept;
          iifname "a0" ct state != established,related drop
          iifname "b0" ct state != established drop
          iifname "c0" reject with icmp type host-unreachable
          iifname "d0" reject with tcp reset
        }
      }
      """
    let rs = try #require(NftablesParser(file: "t.nft").parse(text).ruleset)
    let tracer = Tracer(ruleset: rs)
    func verdict(_ src: String, _ proto: UInt8, in name: String, _ state: ConnectionState = .new) -> Verdict {
      let dst = src.contains(":") ? "2001:db8::2" : "10.0.0.2"
      return tracer.trace(
        Packet(
          source: IPAddress(src)!, destination: IPAddress(dst)!, proto: proto, destinationPort: 80, inInterface: name,
          outInterface: "x0", state: state)
      ).verdict
    }
    #expect(verdict("10.0.0.1", 6, in: "a0") == .deny)
    #expect(verdict("10.0.0.1", 6, in: "a0", .established) == .deny)
    #expect(verdict("10.0.0.1", 6, in: "b0", .established) == .allow)
    #expect(verdict("10.0.0.1", 6, in: "b0") == .deny)
    #expect(verdict("10.0.0.1", 17, in: "c0") == .deny)
    #expect(verdict("2001:db8::1", 17, in: "c0") == .allow)
    #expect(verdict("10.0.0.1", 17, in: "d0") == .allow)
    #expect(verdict("10.0.0.1", 6, in: "d0") == .deny)
  }

  @Test func ruleLinesOfOneLineJSONAreZero() {
    #expect(NftablesParser.ruleLines(#"{"nftables":[{"rule":{}},{"rule":{}}]}"#) == [0, 0])
    #expect(
      NftablesParser.ruleLines("{\n\"nftables\": [\n{\"rule\": {}},\n{\"rule\": {\"comment\": \"rule\"}}\n]\n}") == [
        3, 4,
      ])
  }
}
