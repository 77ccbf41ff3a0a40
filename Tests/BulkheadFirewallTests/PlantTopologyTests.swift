import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The example plant (Examples/riverside-water): the planted 2019 vendor rule is found on both firewalls, with the
/// file:line where it is written, and the zone matrix shows the bypass.
@Suite struct PlantTopologyTests {
  private func firewalls() throws -> PlantFirewalls {
    let path = FixturePaths.packageRoot.appendingPathComponent("Examples/riverside-water").path
    let loaded = try ModelLoader().load(path: path)
    return PlantFirewalls(plant: loaded.plant)
  }

  @Test func vendorRuleIsTracedThroughBothFirewalls() throws {
    let fw = try firewalls()
    #expect(fw.unparsed.isEmpty)
    let packet = Packet(
      source: try #require(IPAddress("10.20.30.40")), destination: try #require(IPAddress("10.50.11.10")), proto: 6,
      sourcePort: 49152, destinationPort: 502)
    let trace = fw.trace(packet)
    #expect(trace.sourceZone == "enterprise" && trace.destinationZone == "filtration")
    #expect(trace.outcome == .allowed)
    #expect(trace.hops.map(\.firewall) == ["fw-itot", "fw-ot"])
    let itot = try #require(trace.hops.first?.result.rule)
    #expect(itot.file.hasSuffix("fw-itot.iptables-save") && itot.line > 0)
    #expect(itot.comment?.contains("ACME vendor support 2019") == true)
    let ot = try #require(trace.hops.last?.result.rule)
    #expect(ot.comment?.contains("ACME vendor support 2019") == true)
    // The nft export points back at the line written in fw-ot.nft.
    #expect(ot.source?.file.hasSuffix("fw-ot.nft") == true)
    #expect((ot.source?.line ?? 0) > 0)
    // The same PC on tcp/503 is dropped by fw-itot's policy.
    var other = packet
    other.destinationPort = 503
    #expect(fw.trace(other).outcome == .denied)
  }

  @Test func zoneMatrixShowsTheBypass() throws {
    let report = try ZoneMatrixReport(firewalls: try firewalls(), from: "enterprise", to: "filtration")
    let cell = try #require(report.cells.first)
    #expect(cell.firewalls == ["fw-itot", "fw-ot"])
    #expect(cell.services.map(\.service) == ["tcp/502"])
    #expect(cell.services.first?.witness.source == IPAddress("10.20.30.40"))
    #expect(cell.services.first?.rules.count == 2)
  }
}
