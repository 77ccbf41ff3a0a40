import Foundation

/// Locates the shared corpus (`<package root>/../shared/corpus`, or the worktree layout's `../../shared/corpus`).
enum Corpus {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static func root() throws -> URL {
    var candidates = [
      packageRoot.appendingPathComponent("../shared/corpus"),
      packageRoot.appendingPathComponent("../../shared/corpus"),
    ]
    if let env = ProcessInfo.processInfo.environment["BULKHEAD_SHARED"] {
      candidates.insert(URL(fileURLWithPath: env).appendingPathComponent("corpus"), at: 0)
    }
    for candidate in candidates where FileManager.default.fileExists(atPath: candidate.path) {
      return candidate.standardizedFileURL
    }
    throw Missing(description: "shared corpus not found beside the package (tried \(candidates.map(\.path)))")
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

  static func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/dissect").appendingPathComponent(name).path
  }
}
