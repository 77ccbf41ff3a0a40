import Foundation
import Testing

@testable import BulkheadModel

/// Issue 23 row 2: every path a model names resolves inside the plant directory (after symlinks) or is refused with
/// a located error, and a refused file is never read.
@Suite struct PlantDirectoryTests {
  /// A plant directory holding `fw.rules`, `inventory.csv` and `cap.pcap`, beside an `outside/` directory holding
  /// the same three names; removed by the caller.
  static func makePlant() throws -> (root: String, plant: String, outside: String) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-paths-\(UUID().uuidString)").path
    let plant = root + "/plant"
    let outside = root + "/outside"
    for directory in [plant, outside] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try Data("*filter\n:FORWARD DROP [0:0]\nCOMMIT\n".utf8).write(to: URL(fileURLWithPath: directory + "/fw.rules"))
      try Data("Hostname,IP Address,Zone\nplc-9,10.0.1.9,control\n".utf8).write(
        to: URL(fileURLWithPath: directory + "/inventory.csv"))
      try Data([0xd4, 0xc3, 0xb2, 0xa1]).write(to: URL(fileURLWithPath: directory + "/cap.pcap"))
    }
    return (root, plant, outside)
  }

  static func model(config: String, inventory: String, capture: String) -> String {
    """
    plant: Paths
    inventory: \(inventory)
    zones:
      - {id: control, purdue: 1, sl_target: 2, networks: [10.0.1.0/24]}
    enforcement_points:
      - id: fw
        vendor: iptables
        config: \(config)
        interfaces: {eth0: [control]}
    captures:
      - \(capture)
    """
  }

  static func load(_ yaml: String, in plant: String, allowOutside: [String] = []) -> LoadedModel {
    ModelLoader(allowOutside: allowOutside).load(
      yaml: yaml, file: plant + "/bulkhead.yaml", baseDirectory: plant,
      today: CalendarDate(year: 2026, month: 11, day: 27) ?? .epoch)
  }

  @Test func pathsInsideThePlantAreRead() throws {
    let (root, plant, _) = try Self.makePlant()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let loaded = Self.load(Self.model(config: "fw.rules", inventory: "inventory.csv", capture: "cap.pcap"), in: plant)
    #expect(!loaded.diagnostics.contains { $0.code == "BH347" || $0.code == "BH348" })
    #expect(loaded.plant.enforcementPoints.first?.configPath == plant + "/fw.rules")
    #expect(loaded.plant.assets.map(\.id) == ["plc-9"])
    #expect(loaded.plant.captures.first?.files() == [plant + "/cap.pcap"])
  }

  @Test(arguments: ["relative", "absolute", "symlink"])
  func pathsOutsideAreRefusedWithTheirLineAndNotRead(how: String) throws {
    let (root, plant, outside) = try Self.makePlant()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let prefix: String
    switch how {
    case "relative": prefix = "../outside/"
    case "absolute": prefix = outside + "/"
    default:
      try FileManager.default.createSymbolicLink(atPath: plant + "/linked", withDestinationPath: outside)
      prefix = "linked/"
    }
    let yaml = Self.model(
      config: prefix + "fw.rules", inventory: prefix + "inventory.csv", capture: prefix + "cap.pcap")
    let loaded = Self.load(yaml, in: plant)
    let refused = loaded.diagnostics.filter { $0.code == "BH347" }
    #expect(refused.map(\.location.line).sorted() == [2, 8, 11])
    #expect(refused.allSatisfy { $0.severity == .error && $0.message.contains("outside the plant directory") })
    #expect(!loaded.isValid)
    #expect(loaded.plant.enforcementPoints.first?.configPath == nil)
    #expect(loaded.plant.assets.isEmpty)
    #expect(loaded.plant.inventoryPath == nil)
    #expect(loaded.plant.captures.first?.files() == [])
    // Refused files are reported as refused, not also as missing.
    #expect(!loaded.diagnostics.contains { $0.code == "BH346" || $0.code == "BH332" })

    let allowed = Self.load(yaml, in: plant, allowOutside: [outside])
    #expect(!allowed.diagnostics.contains { $0.code == "BH347" })
    #expect(allowed.plant.assets.map(\.id) == ["plc-9"])
  }

  @Test func aFIFOConfigIsRefusedNotOpened() throws {
    let (root, plant, _) = try Self.makePlant()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(mkfifo(plant + "/fifo.rules", 0o600) == 0)
    let loaded = Self.load(Self.model(config: "fifo.rules", inventory: "inventory.csv", capture: "cap.pcap"), in: plant)
    let refused = try #require(loaded.diagnostics.first { $0.code == "BH348" })
    #expect(refused.location.line == 8)
    #expect(refused.message.contains("FIFO"))
    #expect(loaded.plant.enforcementPoints.first?.configPath == nil)
  }

  @Test func aFIFOModelIsAnUnreadableModel() throws {
    let (root, plant, _) = try Self.makePlant()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(mkfifo(plant + "/bulkhead.yaml", 0o600) == 0)
    #expect(throws: ModelLoadError.self) { try ModelLoader().load(path: plant) }
  }
}

/// Issue 23 row 2: an unparsed line is echoed cut to a bounded length, its head and tail kept.
@Suite struct BoundedEchoTests {
  @Test func aLongEchoedLineIsCutInTheMiddle() {
    let line = "unexpected word '" + String(repeating: "x", count: 100_000) + "'; line ignored"
    let diagnostic = Diagnostic(.warning, code: "BH412", line, at: SourceLocation(file: "fw.rules", line: 3))
    #expect(diagnostic.message.count <= Diagnostic.maximumMessageLength + 40)
    #expect(diagnostic.message.hasPrefix("unexpected word 'xxx"))
    #expect(diagnostic.message.hasSuffix("'; line ignored"))
    #expect(diagnostic.message.contains("characters not shown"))
    let short = Diagnostic(.warning, code: "BH412", "short", at: SourceLocation(file: "fw.rules"))
    #expect(short.message == "short")
  }
}
