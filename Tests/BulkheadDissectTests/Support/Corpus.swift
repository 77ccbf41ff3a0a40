import Foundation

/// The corpus subset inside the package (`Tests/Fixtures/corpus`, see its README). Nothing outside the package is
/// read; a missing file throws, so its test fails.
enum Corpus {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static func root() throws -> URL {
    let root = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")
    guard FileManager.default.fileExists(atPath: root.appendingPathComponent("pcaps/MANIFEST.tsv").path) else {
      throw Missing(description: "no corpus subset at \(root.path) (it ships with the repository; see its README)")
    }
    return root
  }

  static func pcap(_ relative: String) throws -> String {
    let path = try root().appendingPathComponent("pcaps").appendingPathComponent(relative).path
    guard FileManager.default.fileExists(atPath: path) else { throw Missing(description: "no pcap \(path)") }
    return path
  }

  static func baseline(_ relative: String) throws -> String {
    let path = try root().appendingPathComponent("baselines").appendingPathComponent(relative).path
    guard FileManager.default.fileExists(atPath: path) else { throw Missing(description: "no baseline \(path)") }
    return path
  }
}
