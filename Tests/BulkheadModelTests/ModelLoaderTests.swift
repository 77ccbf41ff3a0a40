import Foundation
import Testing

@testable import BulkheadModel

/// Loader behaviour beyond one-code fixtures: hints, shapes, robustness.
@Suite struct ModelLoaderTests {
  static let today = CalendarDate(year: 2026, month: 11, day: 27) ?? .epoch

  static func load(_ yaml: String) -> LoadedModel {
    ModelLoader().load(yaml: yaml, file: "m.yaml", today: today)
  }

  @Test func starterModelHasNoErrors() {
    let model = ModelLoaderTests.load(StarterModel.yaml)
    #expect(model.isValid)
    // Its firewall has its `config:` commented out, which is the only thing worth a warning.
    #expect(model.diagnostics.map(\.code) == ["BH333"])
  }

  @Test func unknownKeysSuggestTheNearestKnownKey() throws {
    let model = ModelLoaderTests.load(
      "plant: x\nzones:\n  - {id: a, purdue: 2, sl_target: 2, netwroks: [10.0.0.0/8]}\n")
    let warning = try #require(model.diagnostics.first { $0.code == "BH004" })
    #expect(warning.message.contains("did you mean 'networks'?"))
    #expect(warning.location.description == "m.yaml:3:38")
  }

  @Test func emptyAndNonMappingDocumentsAreReported() {
    #expect(ModelLoaderTests.load("").diagnostics.map(\.code) == ["BH003"])
    #expect(ModelLoaderTests.load("- a\n- b\n").diagnostics.map(\.code) == ["BH003"])
    #expect(ModelLoaderTests.load("just text").diagnostics.map(\.code) == ["BH003"])
  }

  /// libyaml detects an unclosed flow collection only where the next construct fails, often lines later; the
  /// diagnostic is placed there and names the line where the collection began, the one a person must fix.
  @Test func unclosedFlowCollectionsNameTheLineWhereTheyBegan() throws {
    let mapping = ModelLoaderTests.load("plant: T\nzones:\n  - {id: a, purdue: 2\nplant: again\n")
    let mappingError = try #require(mapping.diagnostics.first)
    #expect(mapping.diagnostics.map(\.code) == ["BH002"])
    #expect(mappingError.location.description == "m.yaml:4:6")
    #expect(mappingError.message.hasSuffix("while parsing a flow mapping that began at line 3, column 5"))

    let sequence = ModelLoaderTests.load(
      "plant: T\nzones:\n  - id: a\n    networks: [10.1.0.0/16, 10.2.0.0/16\n    purdue: 2\n")
    let sequenceError = try #require(sequence.diagnostics.first)
    #expect(sequenceError.location.description == "m.yaml:5:11")
    #expect(sequenceError.message.hasSuffix("while parsing a flow sequence that began at line 4, column 15"))

    let quoted = ModelLoaderTests.load("plant: \"T\nzones: []\n")
    #expect(quoted.diagnostics.first?.message.hasSuffix("quoted scalar that began at line 1, column 8") == true)
  }

  @Test func duplicateKeysAreASyntaxError() {
    let model = ModelLoaderTests.load("plant: a\nplant: b\nzones: []\n")
    #expect(model.diagnostics.map(\.code) == ["BH002"])
    #expect(model.diagnostics.first?.message.contains("'plant'") == true)
  }

  @Test func securityLevelVectorsInAllThreeSpellings() throws {
    let model = ModelLoaderTests.load(
      """
      plant: x
      zones:
        - {id: a, purdue: 1, sl_target: 3, networks: [10.1.0.0/16]}
        - {id: b, purdue: 1, sl_target: [1, 2, 3, 4, 0, 1, 2], networks: [10.2.0.0/16]}
        - {id: c, purdue: 1, sl_target: {FR1: 4, FR2: 4, FR3: 4, FR4: 2, FR5: 4, FR6: 3, FR7: 4}, networks: [10.3.0.0/16]}
        - {id: d, purdue: 1, sl_target: [1, 2], networks: [10.4.0.0/16]}
        - {id: e, purdue: 1, sl_target: {FR1: 1}, networks: [10.5.0.0/16]}
        - {id: f, purdue: 1, sl_target: 5, networks: [10.6.0.0/16]}
      """)
    let plant = model.plant
    #expect(plant.zone(id: "a")?.securityLevelTarget.levels == [3, 3, 3, 3, 3, 3, 3])
    #expect(plant.zone(id: "b")?.securityLevelTarget.level(for: .restrictedDataFlow) == 0)
    #expect(plant.zone(id: "c")?.securityLevelTarget.description == "SL-T(4,4,4,2,4,3,4)")
    #expect(plant.zone(id: "c")?.securityLevelTarget.overall == 4)
    #expect(
      model.diagnostics.map { "\($0.code) \($0.location.line)" } == [
        "BH006 6", "BH005 7", "BH005 7", "BH005 7", "BH005 7", "BH005 7", "BH005 7", "BH006 8",
      ])
  }

  @Test func everyPurdueLevelParses() {
    #expect(["0", "1", "2", "3", "3.5", "4", "5", "4.0"].compactMap(PurdueLevel.init(text:)).count == 8)
    #expect(PurdueLevel(text: "2.5") == nil)
    #expect(PurdueLevel(text: "six") == nil)
    #expect(PurdueLevel.dmz.isControl == false && PurdueLevel.dmz.isEnterprise == false)
    #expect(PurdueLevel.process.isControl && PurdueLevel.enterprise.isEnterprise)
  }

  @Test func calendarDates() {
    #expect(CalendarDate("2024-02-29") != nil)
    #expect(CalendarDate("2025-02-29") == nil)
    #expect(CalendarDate("2025-2-1") == nil)
    #expect(CalendarDate.today(now: 0).description == "1970-01-01")
    #expect(CalendarDate.today(now: 1_795_740_000).description == "2026-11-27")
    #expect(CalendarDate.today(now: 951_782_400).description == "2000-02-29")
  }

  @Test func relativePathsResolveAgainstTheModelDirectory() throws {
    let (plant, _) = ModelLoader().parse(
      yaml: """
        plant: x
        zones: []
        enforcement_points:
          - {id: fw, vendor: nft, config: fw/ruleset.json}
          - {id: fw2, vendor: Cisco-ASA, config: /etc/asa.cfg}
        captures: [caps/*.pcapng]
        """, file: "site/bulkhead.yaml", baseDirectory: "site")
    #expect(plant.enforcementPoint(id: "fw")?.configPath == "site/fw/ruleset.json")
    #expect(plant.enforcementPoint(id: "fw")?.vendor == FirewallVendor(text: "nft"))
    #expect(plant.enforcementPoint(id: "fw2")?.vendor == FirewallVendor(text: "cisco-asa"))
    #expect(plant.enforcementPoint(id: "fw2")?.configPath == "/etc/asa.cfg")
    #expect(plant.captures.first?.resolvedPattern == "site/caps/*.pcapng")
  }

  @Test func anInventoryRowCompletesTheModelAssetOfTheSameID() throws {
    let model = try ModelLoader().load(
      path: TestPaths.modelFixtures + "/bh345-inventory-conflict.yaml", today: ModelLoaderTests.today)
    let found = model.plant.asset(id: "plc-1")
    let asset = try #require(found)
    #expect(asset.origin == .both)
    #expect(asset.zone == "b")  // the model wins over the inventory's 'a'
    #expect(asset.vendor == "Siemens")  // the inventory fills what the model left out
    #expect(asset.location.file.hasSuffix("bh345-inventory-conflict.yaml"))
    #expect(asset.locations.of("vendor").file.hasSuffix("bh345-inventory.csv"))
    #expect(model.plant.assets.count == 1)
  }

  @Test func aDirectoryIsSearchedForBulkheadYAML() throws {
    #expect(try ModelLoader.modelFile(for: TestPaths.examplePlant) == TestPaths.examplePlant + "/bulkhead.yaml")
    let file = TestPaths.modelFixtures + "/bh301-overlapping-networks.yaml"
    #expect(try ModelLoader.modelFile(for: file) == file)
  }

  /// Every prefix of the example model (cut at any line) loads without crashing and reports what it lacks.
  @Test func truncatedModelsNeverCrash() throws {
    let text = try String(contentsOfFile: TestPaths.examplePlant + "/bulkhead.yaml", encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for count in 0...lines.count {
      let prefix = lines.prefix(count).joined(separator: "\n")
      let model = ModelLoader().load(
        yaml: prefix, file: "cut.yaml", baseDirectory: TestPaths.examplePlant, today: ModelLoaderTests.today)
      #expect(model.plant.zones.count <= 6)
    }
  }

  /// Bytes flipped through the example model never crash the loader.
  @Test func mutatedModelsNeverCrash() throws {
    let text = try String(contentsOfFile: TestPaths.examplePlant + "/bulkhead.yaml", encoding: .utf8)
    var bytes = Array(text.utf8)
    let replacements: [UInt8] = Array("{}[]:,-'\"&*!|>#%@ \n\t0".utf8)
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for round in 0..<300 {
      // A small xorshift generator keeps the mutations reproducible.
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      let position = Int(seed % UInt64(bytes.count))
      let original = bytes[position]
      bytes[position] = replacements[round % replacements.count]
      let mutated = String(decoding: bytes, as: UTF8.self)
      _ = ModelLoader().load(yaml: mutated, file: "m.yaml", today: ModelLoaderTests.today)
      bytes[position] = original
    }
  }
}
