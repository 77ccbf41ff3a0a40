import BulkheadModel
import Foundation
import Testing

@testable import BulkheadDiscover

/// `bulkhead discover` on the example plant's captures (without its model) and on a corpus capture: the draft
/// validates, places every declared asset the captures show in a zone equivalent to the real model's, accounts for
/// every host and flow, and is the same on every run.
@Suite struct DiscoveryTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let example = root.appendingPathComponent("Examples/riverside-water")

  static var exampleCaptures: [String] {
    ["dosing", "enterprise", "filtration", "ot-dmz", "safety", "scada"].map {
      example.appendingPathComponent("captures/\($0).pcap").path
    }
  }

  static func draft(_ captures: [String]) -> DiscoveryDraft {
    Discovery().draft(captures: captures, outputDirectory: NSTemporaryDirectory() + "bulkhead-discover-test")
  }

  static func loaded(_ draft: DiscoveryDraft) -> LoadedModel {
    ModelLoader().load(yaml: draft.yaml, file: "bulkhead.yaml", baseDirectory: NSTemporaryDirectory())
  }

  @Test func exampleDraftValidatesAndMatchesTheRealZones() throws {
    let draft = Self.draft(Self.exampleCaptures)
    let model = Self.loaded(draft)
    #expect(model.isValid, "\(model.diagnostics.filter { $0.severity == .error })")
    #expect(model.plant.zones.count == draft.zones.count)

    let real = try ModelLoader().load(path: Self.example.path).plant
    var zoneMap: [String: String] = [:]
    var placedRight = 0
    var seenDeclared = 0
    for asset in real.assets {
      guard let address = asset.addresses.first,
        draft.evidence.hosts.contains(where: { $0.address == address })
      else { continue }
      seenDeclared += 1
      let discovered = try #require(draft.assets.first { $0.asset.addresses.contains(address) }, "\(asset.id)")
      if let mapped = zoneMap[discovered.asset.zone] {
        if mapped == asset.zone { placedRight += 1 }
      } else {
        zoneMap[discovered.asset.zone] = asset.zone
        placedRight += 1
      }
    }
    // Every declared asset that sent traffic is placed in the discovered zone that stands for its real zone, and
    // the discovered zones stand for the real ones one to one (hmi-2 is silent in the recording: not seen).
    #expect(seenDeclared == real.assets.count - 1)
    #expect(placedRight == seenDeclared)
    #expect(Set(zoneMap.values).count == zoneMap.count)
    #expect(Set(zoneMap.values) == Set(real.zones.map(\.id)))
    #expect(draft.zones.count == real.zones.count)

    // The unknown laptop is an asset of the SCADA zone's draft; the dropped attempts are listed, not proposed.
    let laptop = try #require(draft.assets.first { $0.asset.addresses == [IPAddress("10.50.2.99")!] })
    #expect(zoneMap[laptop.asset.zone] == "scada")
    #expect(draft.unproposed.count == 2)
    #expect(draft.unproposed.allSatisfy { $0.reason.contains("never answered") })

    // Conduits: every zone pair a declared conduit joins and that traffic crossed is proposed, plus the vendor
    // bypass (enterprise → filtration Modbus) that the real model does not declare.
    let proposedPairs = Set(draft.plant.conduits.map { Set($0.zones.compactMap { zoneMap[$0] }) })
    let declaredPairs = Set(real.conduits.map { Set($0.zones) })
    #expect(declaredPairs.isSubset(of: proposedPairs))
    #expect(proposedPairs.subtracting(declaredPairs) == [["enterprise", "filtration"]])
    // The draft's conduits hold flows between assets, each with a service the model can spell.
    #expect(draft.plant.conduits.allSatisfy { !$0.flows.isEmpty && $0.owner == nil && $0.justification == nil })
  }

  @Test func everyFlowAndHostIsAccountedFor() throws {
    for captures in [Self.exampleCaptures, [Self.corpusCapture]] {
      let draft = Self.draft(captures)
      let flows =
        draft.proposed.reduce(0) { $0 + $1.tally.flows } + draft.withinZone.reduce(0) { $0 + $1.tally.flows }
        + draft.unproposed.reduce(0) { $0 + $1.tally.flows }
      #expect(flows == draft.evidence.flowCount)
      var addresses: Set<IPAddress> = []
      for entry in draft.proposed { addresses.formUnion([entry.service.initiator, entry.service.responder]) }
      for entry in draft.withinZone { addresses.formUnion([entry.service.initiator, entry.service.responder]) }
      for entry in draft.unproposed { addresses.formUnion([entry.service.initiator, entry.service.responder]) }
      let placed = Set(draft.assets.flatMap(\.asset.addresses))
      let unplaced = Set(draft.unplaced.map(\.address))
      #expect(placed.isDisjoint(with: unplaced))
      #expect(placed.union(unplaced) == addresses)
    }
  }

  static var corpusCapture: String {
    root.appendingPathComponent("Tests/Fixtures/corpus/pcaps/modbus/iti__modbus_test.pcap").path
  }

  @Test func corpusCaptureDraftValidates() throws {
    let draft = Self.draft([Self.corpusCapture])
    let model = Self.loaded(draft)
    #expect(model.isValid, "\(model.diagnostics.filter { $0.severity == .error })")
    #expect(!draft.assets.isEmpty)
    // One capture point: the subnet is the only grouping evidence, and the report says so.
    #expect(draft.zones.allSatisfy { $0.groupingConfidence == .low })
    #expect(draft.assets.contains { $0.asset.kind == .plc })
  }

  @Test func draftIsDeterministic() {
    let first = Self.draft(Self.exampleCaptures)
    let second = Self.draft(Self.exampleCaptures.reversed())
    #expect(first.yaml == second.yaml)
    #expect(DiscoverReport(draft: first).markdown.count == DiscoverReport(draft: second).markdown.count)
  }

  @Test func notAHostNamesMulticastAndBroadcast() {
    #expect(Discovery.notAHost(IPAddress("224.0.0.251")!) != nil)
    #expect(Discovery.notAHost(IPAddress("255.255.255.255")!) != nil)
    #expect(Discovery.notAHost(IPAddress("10.0.0.255")!) != nil)
    #expect(Discovery.notAHost(IPAddress("fe80::1")!) != nil)
    #expect(Discovery.notAHost(IPAddress("ff02::1")!) != nil)
    #expect(Discovery.notAHost(IPAddress("10.0.0.7")!) == nil)
    #expect(Discovery.notAHost(IPAddress("2001:db8::7")!) == nil)
  }
}
