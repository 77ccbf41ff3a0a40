import BulkheadFirewall
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadDiscover

/// Issue 20 item 3: with firewall configs, each interface's networks are a zone candidate.
@Suite struct InterfaceCandidateTests {
  static var exampleConfigs: [String] {
    ["firewalls/fw-itot.iptables-save", "firewalls/fw-ot.json"].map {
      DiscoveryTests.example.appendingPathComponent($0).path
    }
  }

  @Test func theExampleFirewallsWidenTheEnterpriseZoneToItsRealNetwork() throws {
    let draft = Discovery().draft(
      captures: DiscoveryTests.exampleCaptures, configs: Self.exampleConfigs,
      outputDirectory: NSTemporaryDirectory() + "bulkhead-discover-test")
    let model = DiscoveryTests.loaded(draft)
    #expect(model.isValid, "\(model.diagnostics.filter { $0.severity == .error })")
    let real = try ModelLoader().load(path: DiscoveryTests.example.path).plant
    // Same zones as without configs (one per real zone), the enterprise one now exactly the real 10.20.0.0/16.
    #expect(draft.zones.count == real.zones.count)
    let enterprise = try #require(
      draft.zones.first { $0.zone.networks.contains { $0.description == "10.20.0.0/16" } })
    #expect(enterprise.zone.networks == real.zone(id: "enterprise")?.networks)
    #expect(enterprise.grouping.contains("widened to 10.20.0.0/16") && enterprise.grouping.contains("fw-itot ent0"))
    // Every other zone keeps its /24, which is the real model's network too.
    let realNetworks = Set(real.zones.flatMap(\.networks))
    #expect(Set(draft.zones.flatMap(\.zone.networks)) == realNetworks)
    // Every interface whose rules name addresses is listed with the zones it went into.
    let named = draft.interfaces.map { "\($0.firewall) \($0.interface)" }
    #expect(
      named == [
        "fw-itot dmz0", "fw-itot ent0", "fw-itot ot0", "fw-ot filt0", "fw-ot scada0", "fw-ot sis0", "fw-ot up0",
      ])
    #expect(draft.interfaces.allSatisfy { !$0.zones.isEmpty })
    #expect(DiscoverReport(draft: draft).markdown.contains("| fw-itot | ent0 | 10.20.0.0/16 |"))
  }

  @Test func anInterfaceNetworkNoHostWasSeenInIsAZoneOfItsOwn() throws {
    let directory = NSTemporaryDirectory() + "bulkhead-interface-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let config = directory + "/fw-lab.rules"
    let rules = """
      *filter
      :FORWARD DROP [0:0]
      -A FORWARD -i lab0 -o up0 -s 192.168.77.0/24 -d 10.20.5.10/32 -p tcp --dport 443 -j ACCEPT
      -A FORWARD -i lab0 -o up0 -s 192.168.78.0/24 -j ACCEPT
      COMMIT

      """
    try Data(rules.utf8).write(to: URL(fileURLWithPath: config))
    let draft = Discovery().draft(
      captures: DiscoveryTests.exampleCaptures, configs: [config], outputDirectory: directory)
    #expect(DiscoveryTests.loaded(draft).isValid)
    let lab = try #require(draft.zones.first { $0.zone.id == "fw-lab-lab0" })
    #expect(lab.zone.networks.map(\.description) == ["192.168.77.0/24", "192.168.78.0/24"])
    #expect(lab.groupingConfidence == .low && lab.grouping.contains("no host of it was seen"))
    let up = try #require(draft.interfaces.first { $0.interface == "up0" })
    #expect(up.networks.map(\.description) == ["10.20.5.10/32"])
    // 10.20.5.10/32 lies in the enterprise draft zone's /24 (too narrow to widen it): it stays as it was.
    #expect(up.zones.count == 1 && up.zones != ["fw-lab-up0"])
  }

  @Test func rangesSplitIntoExactBlocks() throws {
    let first = try #require(IPAddress("10.0.0.5"))
    let last = try #require(IPAddress("10.0.0.10"))
    let range = try #require(AddressRange(first: first, last: last))
    #expect(
      InterfaceCandidate.blocks(range).map(\.description) == [
        "10.0.0.5/32", "10.0.0.6/31", "10.0.0.8/31", "10.0.0.10/32",
      ])
    #expect(InterfaceCandidate.blocks(AddressRange.all(.v4)).isEmpty)
    let whole = try #require(IPNetwork("10.20.0.0/16"))
    #expect(InterfaceCandidate.blocks(AddressRange(whole)) == [whole])
  }
}
