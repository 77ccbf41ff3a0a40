import Testing

@testable import BulkheadModel

/// What the writer writes, the loader reads back to the same plant.
@Suite struct ModelWriterTests {
  @Test func theExamplePlantRoundTrips() throws {
    let original = try ExamplePlantTests.load().plant
    let text = ModelWriter().yaml(for: original)
    let (copy, diagnostics) = ModelLoader().parse(yaml: text, file: "copy.yaml", baseDirectory: original.baseDirectory)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))\n\(text)")
    #expect(ModelWriter().yaml(for: copy) == text)
    #expect(copy.name == original.name && copy.description == original.description)
    #expect(copy.zones.map(\.id) == original.zones.map(\.id))
    #expect(copy.zones.map(\.securityLevelTarget) == original.zones.map(\.securityLevelTarget))
    #expect(copy.zones.map(\.networks) == original.zones.map(\.networks))
    for asset in original.assets {
      let found = copy.asset(id: asset.id)
      let twin = try #require(found)
      #expect(twin.zone == asset.zone && twin.addresses == asset.addresses && twin.macs == asset.macs)
      #expect(twin.kind == asset.kind && twin.vendor == asset.vendor && twin.model == asset.model)
      #expect(twin.firmware == asset.firmware && twin.criticality == asset.criticality)
      #expect(twin.name == asset.name && twin.description == asset.description)
    }
    #expect(copy.conduits.map(\.controls) == original.conduits.map(\.controls))
    #expect(copy.conduits.map(\.reviewBy) == original.conduits.map(\.reviewBy))
    #expect(copy.conduits.map(\.enforcedBy) == original.conduits.map(\.enforcedBy))
    func packetSpace(_ plant: Plant) -> [String] {
      plant.resolvedFlows().map { "\($0.conduit) \($0.sources) \($0.destinations) \($0.ranges)" }
    }
    #expect(packetSpace(copy) == packetSpace(original))
    #expect(copy.conduits.flatMap(\.flows).map(\.operations) == original.conduits.flatMap(\.flows).map(\.operations))
    #expect(copy.conduits.flatMap(\.flows).map(\.security) == original.conduits.flatMap(\.flows).map(\.security))
    #expect(copy.enforcementPoints.map(\.interfaces) == original.enforcementPoints.map(\.interfaces))
    #expect(copy.enforcementPoints.map(\.vendor) == original.enforcementPoints.map(\.vendor))
    #expect(copy.captures.map(\.interface) == original.captures.map(\.interface))
  }

  @Test(arguments: [
    ("plain", "plain"),
    ("", "\"\""),
    ("ACME: support", "\"ACME: support\""),
    ("a, b", "\"a, b\""),
    ("yes", "\"yes\""),
    ("- dash", "\"- dash\""),
    ("say \"hi\"", "say \"hi\""),
    ("\"quoted\"", "\"\\\"quoted\\\"\""),
    ("two\nlines", "\"two\\nlines\""),
    ("trailing ", "\"trailing \""),
    ("# comment", "\"# comment\""),
    ("10.20.0.0/16", "10.20.0.0/16"),
  ])
  func scalarsAreQuotedOnlyWhenNeeded(text: String, written: String) {
    #expect(ModelWriter().scalar(text) == written)
  }

  @Test func awkwardTextSurvivesTheRoundTrip() throws {
    let awkward = ["ACME: support", "a, b", "yes", "- dash", "say \"hi\"", "two\nlines", "tab\there", "# x", "{x}"]
    let zone = Zone(
      id: "z", purdue: .supervisory, securityLevelTarget: .none, networks: [],
      locations: NodeLocations(entity: SourceLocation(file: "x")))
    let assets = awkward.enumerated().map { index, text in
      Asset(
        id: "a\(index)", name: text, zone: "z", vendor: text, description: text,
        locations: NodeLocations(entity: SourceLocation(file: "x")))
    }
    let plant = Plant(name: "Awkward: plant", zones: [zone], assets: assets)
    let (copy, diagnostics) = ModelLoader().parse(yaml: ModelWriter().yaml(for: plant), file: "w.yaml")
    #expect(diagnostics.isEmpty)
    #expect(copy.name == "Awkward: plant")
    #expect(copy.assets.map(\.name) == awkward)
    #expect(copy.assets.map(\.vendor) == awkward)
  }
}
