import BulkheadCapture
import BulkheadDissect
import Foundation
import Testing

/// Dissecting a capture split by flow over several sessions observes exactly what one session observes.
@Suite struct ShardedDissectionTests {
  static let protocolFolders = ["modbus", "modbus-umas-modicon", "dnp3", "s7comm", "enip-cip", "opcua"]

  /// Compares the readings; returns how many flows were observed.
  @discardableResult static func compare(_ files: [String], _ label: String) -> Int {
    let single = DissectedCapture.read(files: files)
    for shards in [2, 3] {
      let sharded = DissectedCapture.read(files: files, shards: shards)
      #expect(sharded.report.flows == single.report.flows, "\(label) in \(shards) shards: flows")
      #expect(sharded.observations == single.observations, "\(label) in \(shards) shards: observations")
    }
    return single.observations.compactMap { $0 }.count
  }

  @Test func examplePlant() throws {
    let folder = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pcap") }
      .sorted().map { folder.appendingPathComponent($0).path }
    try #require(files.count == 6)
    Self.compare(files, "riverside-water")
    let observed = DissectedCapture.read(files: files, shards: 2).observations
    let protocols = Set(observed.compactMap { $0?.protocolID })
    #expect(protocols.isSuperset(of: [ProtocolID.modbus, .s7comm, .opcua]))
  }

  @Test(arguments: protocolFolders) func industrialCorpusFolder(_ folder: String) throws {
    let directory = try Corpus.root().appendingPathComponent("pcaps").appendingPathComponent(folder)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
    try #require(!files.isEmpty)
    let observed = files.reduce(0) { $0 + Self.compare([directory.appendingPathComponent($1).path], "\(folder)/\($1)") }
    #expect(observed > 0)
  }
}
