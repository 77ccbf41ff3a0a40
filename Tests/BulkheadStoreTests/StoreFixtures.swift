import BulkheadModel
import Foundation

/// Paths the store tests read, and scratch directories they remove.
enum StoreFixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// The recorded example plant.
  static var examplePlant: String { packageRoot + "/Examples/riverside-water" }

  /// The example plant's six captures, sorted.
  static var exampleCaptures: [String] {
    let directory = examplePlant + "/captures"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".pcap") }.sorted().map { directory + "/" + $0 }
  }

  /// A fresh scratch directory under the system's temporary directory; the caller removes it.
  static func scratch(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-\(name)-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The example plant's model.
  static func loadExample() throws -> LoadedModel {
    try ModelLoader().load(path: examplePlant, today: CalendarDate("2026-11-27") ?? .epoch)
  }
}
