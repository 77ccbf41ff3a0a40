import Foundation
import Testing

@testable import BulkheadModel

/// The example plant loads, matches TOPOLOGY.md (its contract) and yields exactly the expected warnings.
@Suite struct ExamplePlantTests {
  static func load() throws -> LoadedModel {
    let today = try #require(CalendarDate(TestPaths.today))
    return try ModelLoader().load(path: TestPaths.examplePlant, today: today)
  }

  @Test func validatesWithOnlyTheExpectedWarnings() throws {
    let model = try ExamplePlantTests.load()
    #expect(model.isValid)
    var expected: Set<String> = ["BH316 bulkhead.yaml patch-distribution"]
    for point in model.plant.enforcementPoints {
      // The firewall files arrive from another stage; until then their absence is a warning.
      if let path = point.configPath, !FileManager.default.fileExists(atPath: path) {
        expected.insert("BH332 bulkhead.yaml \(point.id)")
      }
    }
    for capture in model.plant.captures where capture.files().isEmpty {
      expected.insert("BH346 bulkhead.yaml \(capture.pattern)")
    }
    let actual = Set(
      model.diagnostics.map { d -> String in
        let subject =
          switch d.code {
          case "BH316": "patch-distribution"
          case "BH332": model.plant.enforcementPoints.first { d.message.contains("'\($0.id)'") }?.id ?? "?"
          default: model.plant.captures.first { d.message.contains("'\($0.pattern)'") }?.pattern ?? "?"
          }
        return "\(d.code) \((d.location.file as NSString).lastPathComponent) \(subject)"
      })
    #expect(actual == expected, "\(model.diagnostics.map(\.description))")
    let overdue = try #require(model.diagnostics.first { $0.code == "BH316" })
    #expect(overdue.severity == .warning)
    let text = try String(contentsOfFile: TestPaths.examplePlant + "/bulkhead.yaml", encoding: .utf8)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false)[overdue.location.line - 1]
    #expect(line.contains("review_by: 2024-12-31"))
  }

  @Test func countsMatchTheTopology() throws {
    let plant = try ExamplePlantTests.load().plant
    #expect(plant.name == "Riverside Water Treatment")
    #expect(plant.zones.count == 6)
    #expect(plant.assets.count == 14)
    #expect(plant.conduits.count == 8)
    #expect(plant.enforcementPoints.count == 2)
    // TOPOLOGY.md "Capture points": one pcap per zone-facing interface.
    #expect(
      plant.captures.map { "\($0.pattern) \($0.enforcementPoint ?? "") \($0.interface ?? "")" } == [
        "captures/enterprise.pcap fw-itot ent0", "captures/ot-dmz.pcap fw-itot dmz0",
        "captures/scada.pcap fw-ot scada0",
        "captures/filtration.pcap fw-ot filt0", "captures/dosing.pcap fw-ot dose0", "captures/safety.pcap fw-ot sis0",
      ])
    #expect(plant.captures.map { plant.zones(observedBy: $0) } == plant.zones.map { [$0.id] })
  }

  /// Rows of the Markdown table whose header starts with `headers`, as cells without backticks.
  static func table(_ headers: String...) throws -> [[String]] {
    let text = try String(contentsOfFile: TestPaths.examplePlant + "/TOPOLOGY.md", encoding: .utf8)
    var rows: [[String]] = []
    var inside = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map {
        $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
      }
      if !line.hasPrefix("|") {
        inside = false
        continue
      }
      if Array(cells.prefix(headers.count)) == headers {
        inside = true
        continue
      }
      if inside && !(cells.first ?? "").hasPrefix("---") { rows.append(cells) }
    }
    return rows
  }

  @Test func zonesMatchTheTopology() throws {
    let plant = try ExamplePlantTests.load().plant
    let rows = try ExamplePlantTests.table("zone id", "name")
    #expect(rows.count == plant.zones.count)
    for row in rows {
      let found = plant.zone(id: row[0])
      let zone = try #require(found, "zone \(row[0])")
      #expect(zone.name == row[1])
      #expect(zone.purdue == PurdueLevel(text: row[2]))
      #expect(zone.securityLevelTarget.overall == Int(row[3]))
      #expect(zone.networks.map(\.description) == [row[4]])
    }
  }

  @Test func assetsMatchTheTopology() throws {
    let plant = try ExamplePlantTests.load().plant
    let rows = try ExamplePlantTests.table("id", "zone", "kind")
    #expect(rows.count == plant.assets.count)
    for row in rows {
      let found = plant.asset(id: row[0])
      let asset = try #require(found, "asset \(row[0])")
      #expect(asset.zone == row[1])
      #expect(asset.kind.rawValue == row[2])
      #expect(asset.addresses.map(\.description) == [row[3]])
    }
    // The unknown asset of the planted gaps is in the SCADA zone but not in the model.
    let contractor = try #require(IPAddress("10.50.2.99"))
    #expect(plant.asset(at: contractor) == nil)
    #expect(plant.zone(containing: contractor)?.id == "scada")
  }

  @Test func conduitsMatchTheTopology() throws {
    let plant = try ExamplePlantTests.load().plant
    let rows = try ExamplePlantTests.conduitRows()
    #expect(rows.count == plant.conduits.count)
    for (id, zones) in rows {
      let found = plant.conduit(id: id)
      let conduit = try #require(found, "conduit \(id)")
      #expect(conduit.zones == zones)
    }
    let patch = try #require(plant.conduit(id: "patch-distribution"))
    #expect(patch.reviewBy == CalendarDate("2024-12-31"))
    let collect = try #require(plant.conduit(id: "historian-collect"))
    #expect(collect.flows.first?.security == .signAndEncrypt)
    #expect(collect.flows.first?.operations == [.read])
    #expect(collect.flows.first?.from == .asset("historian"))
    let dosing = try #require(plant.conduit(id: "scada-dosing"))
    #expect(dosing.flows.map(\.operations) == [[.read], [.read, .write, .program, .diagnostics]])
    #expect(patch.flows.first?.services.map(\.name) == ["tcp/8530", "udp/53"])
    #expect(patch.flows.first?.from == .zone("scada"))
  }

  /// `| id | a ↔ b | …` rows of the declared-conduits table.
  static func conduitRows() throws -> [(String, [String])] {
    try table("id", "between", "flows").map { row in
      (row[0], row[1].components(separatedBy: "↔").map { $0.trimmingCharacters(in: .whitespaces) })
    }
  }

  @Test func enforcementPointsMatchTheTopology() throws {
    let plant = try ExamplePlantTests.load().plant
    let itot = try #require(plant.enforcementPoint(id: "fw-itot"))
    #expect(itot.vendor == FirewallVendor(text: "iptables"))
    #expect(itot.config == "firewalls/fw-itot.iptables-save")
    #expect(itot.configPath == TestPaths.examplePlant + "/firewalls/fw-itot.iptables-save")
    #expect(
      itot.interfaces == [
        "ent0": ["enterprise"], "dmz0": ["ot-dmz"], "ot0": ["scada", "filtration", "dosing", "safety"],
      ])
    let ot = try #require(plant.enforcementPoint(id: "fw-ot"))
    #expect(ot.vendor == FirewallVendor(text: "nftables"))
    #expect(ot.config == "firewalls/fw-ot.json")
    #expect(
      ot.interfaces == [
        "up0": ["enterprise", "ot-dmz"], "scada0": ["scada"], "filt0": ["filtration"], "dose0": ["dosing"],
        "sis0": ["safety"],
      ])
    #expect(plant.enforcementPoints(facing: "safety").map(\.id) == ["fw-itot", "fw-ot"])
    #expect(ot.interfaces(facing: "ot-dmz") == ["up0"])
  }

  @Test func inventoryCompletesTheControllers() throws {
    let plant = try ExamplePlantTests.load().plant
    let plc = try #require(plant.asset(id: "plc-dose-1"))
    #expect(plc.origin == .inventory)
    #expect(plc.vendor == "Siemens")
    #expect(plc.macs.map(\.description) == ["00:1b:1b:0c:12:10"])
    #expect(plc.kind == .plc)
    #expect(plc.criticality == .critical)
    #expect(plc.location.file.hasSuffix("inventory.csv"))
    #expect(plc.location.line == 4)
    let sis = try #require(plant.asset(id: "sis-1"))
    #expect(sis.kind == .safetyController)
    #expect(sis.description == "Read-only over Modbus/TCP, by design")
  }
}

/// Declared flows of the example plant, resolved to packet space.
@Suite struct ExamplePlantFlowTests {
  static func ip(_ text: String) -> IPAddress { IPAddress(text) ?? IPAddress(v4: 0) }

  @Test func resolvedFlowsCoverTheDeclaredTraffic() throws {
    let plant = try ExamplePlantTests.load().plant
    let flows = plant.resolvedFlows()
    #expect(flows.count == 9)
    let patch = try #require(flows.first { $0.conduit == "patch-distribution" })
    #expect(patch.sources.map(\.description) == ["10.50.2.0/24"])
    #expect(patch.destinations.map(\.description) == ["172.16.10.20/32"])
    #expect(patch.ranges.map(\.description) == ["tcp/8530", "udp/53"])
    let ip = ExamplePlantFlowTests.ip
    // The SCADA server polling plc-filt-1 over Modbus is declared; the vendor PC's 2019 path is not.
    #expect(
      plant.flows(allowing: ip("10.50.2.10"), to: ip("10.50.11.10"), ipProtocol: 6, port: 502).map(\.conduit) == [
        "scada-filtration"
      ])
    #expect(plant.flows(allowing: ip("10.20.30.40"), to: ip("10.50.11.10"), ipProtocol: 6, port: 502).isEmpty)
    // The retired SQL report (tcp/1433 to the historian) is declared by no conduit.
    #expect(plant.flows(allowing: ip("10.20.5.10"), to: ip("172.16.10.10"), ipProtocol: 6, port: 1433).isEmpty)
    #expect(plant.flows(allowing: ip("10.20.5.10"), to: ip("172.16.10.10"), ipProtocol: 6, port: 443).count == 1)
  }
}
