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

  /// The shared corpus (`<package root>/../shared/corpus`), or `nil` when it is not checked out beside the package.
  static var corpus: URL? {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }
}
