import Foundation

/// Locates fixtures and the shared corpus relative to the package root (this file is Tests/<Target>/…).
enum FixturePaths {
  /// The package root.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A fixture under Tests/Fixtures/firewall/.
  static func fixture(_ relative: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/firewall").appendingPathComponent(relative).path
  }

  /// The shared corpus (`<package root>/../shared/corpus`, or `$BULKHEAD_SHARED/corpus` for a worktree elsewhere),
  /// or `nil` when it is absent.
  static var corpus: URL? {
    let shared =
      ProcessInfo.processInfo.environment["BULKHEAD_SHARED"].map { URL(fileURLWithPath: $0) }
      ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    let url = shared.appendingPathComponent("corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }
}
