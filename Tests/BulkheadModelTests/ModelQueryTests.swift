import Testing

@testable import BulkheadModel

/// The lookups later stages use: by id, by address, flow endpoints to networks, conduits between zones.
@Suite struct ModelQueryTests {
  static let yaml = """
    plant: Q
    zones:
      - {id: office, purdue: 4, sl_target: 1, networks: [10.20.0.0/16, "2001:db8:20::/48"]}
      - {id: dmz, purdue: 3.5, sl_target: 2, networks: [172.16.10.0/24]}
      - {id: cell, purdue: 1, sl_target: 3, networks: [10.50.0.0/16, "2001:db8:50::/48"]}
      - {id: cell-safety, purdue: 1, sl_target: 4, networks: [10.50.13.0/24]}
    assets:
      - {id: plc-1, zone: cell, kind: plc, addresses: [10.50.1.10, "2001:db8:50::99"]}
      - {id: plc-2, addresses: [10.50.1.11]}
      - {id: sis-1, kind: safety-controller, addresses: [10.50.13.10], macs: [00-80-F4-01-02-03]}
      - {id: historian, zone: dmz, kind: historian, addresses: [172.16.10.10]}
    groups:
      - {id: controllers, members: [plc-1, plc-2, cell-safety]}
    conduits:
      - id: collect
        between: [dmz, cell, cell-safety]
        flows:
          - {from: historian, to: controllers, service: [modbus, tcp/1000-1002, udp/any]}
        owner: ot
        justification: polling
    enforcement_points:
      - {id: fw, vendor: iptables, interfaces: {eth0: [dmz], eth1: [cell, cell-safety]}}
    captures:
      - caps/*.pcap
      - {path: caps/cell.pcap, enforcement_point: fw, interface: eth1}
      - {path: caps/office.pcap, zones: [office]}
    """

  static func plant() -> (Plant, [Diagnostic]) {
    let (plant, loading) = ModelLoader().parse(yaml: yaml, file: "q.yaml")
    let validation = ModelValidator(today: CalendarDate(year: 2026, month: 1, day: 1) ?? .epoch).validate(plant)
    return (plant, loading + validation)
  }

  static func ip(_ text: String) -> IPAddress { IPAddress(text) ?? IPAddress(v4: 0) }

  @Test func modelIsValid() {
    let (_, diagnostics) = ModelQueryTests.plant()
    // Overlapping networks are reported: cell-safety sits inside cell's /16.
    #expect(diagnostics.map(\.code) == ["BH301", "BH333", "BH346", "BH346", "BH346"])
  }

  @Test func zoneContainingPrefersTheMostSpecificNetwork() {
    let (plant, _) = ModelQueryTests.plant()
    #expect(plant.zone(containing: ModelQueryTests.ip("10.50.13.10"))?.id == "cell-safety")
    #expect(plant.zone(containing: ModelQueryTests.ip("10.50.1.10"))?.id == "cell")
    #expect(plant.zone(containing: ModelQueryTests.ip("2001:db8:20::1"))?.id == "office")
    #expect(plant.zone(containing: ModelQueryTests.ip("192.0.2.1")) == nil)
  }

  @Test func assetLookups() {
    let (plant, _) = ModelQueryTests.plant()
    #expect(plant.asset(at: ModelQueryTests.ip("2001:db8:50::99"))?.id == "plc-1")
    #expect(plant.asset(at: ModelQueryTests.ip("10.50.1.12")) == nil)
    #expect(plant.asset(withMAC: MACAddress("00:80:f4:01:02:03") ?? MACAddress(value: 0))?.id == "sis-1")
    #expect(plant.assets(inZone: "cell").map(\.id) == ["plc-1", "plc-2"])
  }

  @Test func zoneIsInferredFromTheAddressWhenLeftOut() {
    let (plant, _) = ModelQueryTests.plant()
    #expect(plant.asset(id: "plc-2")?.zone == "cell")
    #expect(plant.asset(id: "sis-1")?.zone == "cell-safety")
  }

  @Test func endpointsResolveToNetworksZonesAndAssets() {
    let (plant, _) = ModelQueryTests.plant()
    #expect(plant.endpoint(named: "dmz") == .zone("dmz"))
    #expect(plant.endpoint(named: "historian") == .asset("historian"))
    #expect(plant.endpoint(named: "controllers") == .group("controllers"))
    #expect(plant.endpoint(named: "nobody") == .unknown("nobody"))
    #expect(plant.networks(of: .asset("plc-1")).map(\.description) == ["10.50.1.10/32", "2001:db8:50::99/128"])
    #expect(
      plant.networks(of: .group("controllers")).map(\.description) == [
        "10.50.1.10/32", "10.50.1.11/32", "10.50.13.0/24", "2001:db8:50::99/128",
      ])
    #expect(plant.zones(of: .group("controllers")) == ["cell", "cell-safety"])
    #expect(plant.assets(of: .group("controllers")) == ["plc-1", "plc-2", "sis-1"])
    #expect(plant.endpoint(.zone("dmz"), contains: ModelQueryTests.ip("172.16.10.200")))
    #expect(!plant.endpoint(.asset("historian"), contains: ModelQueryTests.ip("172.16.10.200")))
  }

  @Test func flowsCarryResolvedEndpointsAndServices() throws {
    let (plant, _) = ModelQueryTests.plant()
    let (conduit, flow) = try #require(plant.flows.first)
    #expect(conduit.id == "collect")
    #expect(flow.from == .asset("historian"))
    #expect(flow.to == .group("controllers"))
    #expect(flow.services.map(\.name) == ["modbus", "tcp/1000-1002", "udp/any"])
    #expect(flow.services[0].applicationProtocol == "modbus")
    #expect(flow.services[1].contains(ipProtocol: 6, port: 1001))
    #expect(!flow.services[1].contains(ipProtocol: 17, port: 1001))
    #expect(flow.services[2].contains(ipProtocol: 17, port: 65535))
    #expect(flow.allows(.write))
    #expect(plant.conduits(between: "dmz", and: "cell-safety").map(\.id) == ["collect"])
    #expect(plant.conduits(between: "office", and: "cell").isEmpty)
    #expect(plant.conduits(touching: "cell").map(\.id) == ["collect"])
  }

  @Test func capturesKnowWhatTheyObserve() {
    let (plant, _) = ModelQueryTests.plant()
    #expect(plant.captures.map { plant.zones(observedBy: $0) } == [[], ["cell", "cell-safety"], ["office"]])
    #expect(plant.captures.map(\.pattern) == ["caps/*.pcap", "caps/cell.pcap", "caps/office.pcap"])
  }

  @Test func locationsPointAtTheWrittenValues() throws {
    let (plant, _) = ModelQueryTests.plant()
    let plc = try #require(plant.asset(id: "plc-1"))
    #expect(plc.location.description == "q.yaml:8:5")
    #expect(plc.locations.of("addresses", index: 1).description == "q.yaml:8:64")
    #expect(plc.locations.of("firmware").description == "q.yaml:8:5")
    let flow = try #require(plant.flows.first?.flow)
    #expect(flow.locations.of("to").description == "q.yaml:18:31")
  }
}
