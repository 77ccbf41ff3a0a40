import BulkheadModel
import Testing

@testable import BulkheadFirewall

@Suite struct TopologyTests {
  private func rules(_ text: String, _ name: String) throws -> Ruleset {
    try #require(IptablesParser(file: name).parse(text).ruleset)
  }

  /// Two firewalls in sequence: enterprise → fw1 → transit → fw2 → control. Both must allow.
  @Test func firewallsInSequenceIntersect() throws {
    let fw1 = try rules(
      """
      *filter
      :FORWARD DROP [0:0]
      -A FORWARD -i ent0 -o ot0 -s 10.20.30.40 -d 10.50.11.10 -p tcp --dport 502 -j ACCEPT
      -A FORWARD -i ent0 -o ot0 -p tcp --dport 22 -j ACCEPT
      -A FORWARD -i ent0 -o dmz0 -p tcp --dport 443 -j ACCEPT
      COMMIT
      """, "fw1.rules")
    let fw2 = try rules(
      """
      *filter
      :FORWARD DROP [0:0]
      -A FORWARD -i up0 -o filt0 -p tcp --dport 502 -j ACCEPT
      COMMIT
      """, "fw2.rules")
    let topology = ZoneTopology(
      zones: [
        "enterprise": [IPNetwork("10.20.0.0/16")!], "ot-dmz": [IPNetwork("172.16.10.0/24")!],
        "filtration": [IPNetwork("10.50.11.0/24")!],
      ],
      firewalls: [
        PlacedFirewall(
          name: "fw1", ruleset: fw1,
          interfaces: ["ent0": ["enterprise"], "dmz0": ["ot-dmz"], "ot0": ["filtration"]]),
        PlacedFirewall(
          name: "fw2", ruleset: fw2, interfaces: ["up0": ["enterprise", "ot-dmz"], "filt0": ["filtration"]]),
      ])
    let cells = ZoneMatrix(topology: topology).compute()
    #expect(cells.count == 6)
    let bypass = try #require(cells.first { $0.from == "enterprise" && $0.to == "filtration" })
    #expect(bypass.firewalls == ["fw1", "fw2"])
    // tcp/22 passes fw1 but not fw2; only the 2019 vendor rule's tcp/502 crosses both.
    #expect(bypass.services.map(\.service) == ["tcp/502"])
    #expect(bypass.services.first?.witness.source == IPAddress("10.20.30.40"))
    let dmz = try #require(cells.first { $0.from == "enterprise" && $0.to == "ot-dmz" })
    #expect(dmz.firewalls == ["fw1"])
    #expect(dmz.services.map(\.service) == ["tcp/443"])
    #expect(cells.first { $0.from == "filtration" && $0.to == "enterprise" }?.services.isEmpty == true)
  }
}
