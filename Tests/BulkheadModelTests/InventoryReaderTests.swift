import Testing

@testable import BulkheadModel

@Suite struct InventoryReaderTests {
  @Test func commonColumnNamesAreRecognised() throws {
    let csv = """
      Asset Name;IP_Address;MAC;Security Zone;Device Type;Make;Product;FW Version;Criticality
      plc-1;10.0.0.1 10.0.0.2;00:80:f4:00:00:01;cell;PLC;Schneider;M340;3.4;High
      """
    let result = InventoryReader().parse(text: csv, file: "inv.csv")
    #expect(result.diagnostics.isEmpty)
    let asset = try #require(result.assets.first)
    #expect(asset.id == "plc-1")
    #expect(asset.addresses.map(\.description) == ["10.0.0.1", "10.0.0.2"])
    #expect(asset.zone == "cell")
    #expect(asset.kind == .plc)
    #expect(asset.vendor == "Schneider")
    #expect(asset.model == "M340")
    #expect(asset.firmware == "3.4")
    #expect(asset.criticality == .high)
    #expect(asset.locations.of("vendor").description == "inv.csv:2:52")
  }

  @Test func quotedFieldsMaySpanLinesAndHoldSeparators() throws {
    let csv = "name,ip,notes\r\n\"plc,1\",10.0.0.1,\"two\nlines, \"\"quoted\"\"\"\r\nplc-2,10.0.0.2,x\r\n"
    let result = InventoryReader().parse(text: csv, file: "inv.csv")
    // "plc,1" is not a valid id; plc-2 starts on line 4 because the notes field spans two lines.
    #expect(result.diagnostics.map(\.code) == ["BH007"])
    #expect(result.assets.map(\.id) == ["plc-2"])
    #expect(result.assets.first?.location.line == 4)
  }

  @Test func badRowsAreReportedAndTheRestStillCount() {
    let csv =
      "name,ip,mac\nplc-1,10.0.0.1,00:00:00:00:00:01\nplc-2,10.0.0.999,nope\n,10.0.0.3,\nplc-4\nplc-5,10.0.0.5,\n"
    let result = InventoryReader().parse(text: csv, file: "inv.csv")
    #expect(
      result.diagnostics.map { "\($0.code) \($0.location)" } == [
        "BH102 inv.csv:3:7", "BH103 inv.csv:3:18", "BH343 inv.csv:4:1", "BH343 inv.csv:5:1",
      ])
    #expect(result.assets.map(\.id) == ["plc-1", "plc-2", "plc-5"])
  }

  @Test func unterminatedQuoteIsReported() {
    let result = InventoryReader().parse(text: "name,ip\nplc-1,\"10.0.0.1\n", file: "inv.csv")
    #expect(result.diagnostics.map { "\($0.code) \($0.location)" } == ["BH343 inv.csv:2:7"])
  }

  @Test(arguments: [
    ("PLC", AssetKind.plc), ("Engineering Workstation", .engineeringWorkstation), ("EWS", .engineeringWorkstation),
    ("Safety Controller", .safetyController), ("SIS", .safetyController), ("scada_server", .scadaServer),
    ("Jump Host", .jumpHost), ("Laptop", .workstation),
  ])
  func kindSpellings(text: String, kind: AssetKind) {
    #expect(AssetKind(text: text) == kind)
  }

  @Test func byteOrderMarkIsIgnored() {
    let result = InventoryReader().parse(text: "\u{FEFF}Hostname,IP\nplc-1,10.0.0.1\n", file: "inv.csv")
    #expect(result.diagnostics.isEmpty)
    #expect(result.assets.map(\.id) == ["plc-1"])
  }

  /// Bytes flipped through the example inventory never crash the reader, and every row is either an asset or reported.
  @Test func mutatedInventoriesNeverCrash() throws {
    let text = try String(contentsOfFile: TestPaths.examplePlant + "/inventory.csv", encoding: .utf8)
    var bytes = Array(text.utf8)
    let replacements: [UInt8] = Array("\",;\n\r\t:.-x0 ".utf8)
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    for round in 0..<500 {
      seed ^= seed << 13
      seed ^= seed >> 7
      seed ^= seed << 17
      let position = Int(seed % UInt64(bytes.count))
      let original = bytes[position]
      bytes[position] = replacements[round % replacements.count]
      let result = InventoryReader().parse(text: String(decoding: bytes, as: UTF8.self), file: "inv.csv")
      #expect(result.assets.count <= 5)
      bytes[position] = original
    }
  }
}
