import Foundation

/// Locates fixtures relative to the package root (this file is Tests/<Target>/…). Nothing outside the package is
/// read.
enum FixturePaths {
  /// The package root.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A fixture under Tests/Fixtures/firewall/.
  static func fixture(_ relative: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/firewall").appendingPathComponent(relative).path
  }

  /// The corpus subset (`Tests/Fixtures/corpus`: real public configs and reference answers, see its README).
  static let corpus: URL = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")
}
