import Foundation

/// Paths of the package and its fixtures, found from this file's location (no bundle resources needed).
enum TestPaths {
  /// The package root.
  static let packageRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }()

  /// `Tests/Fixtures/models`.
  static let modelFixtures = packageRoot + "/Tests/Fixtures/models"

  /// The example plant's directory.
  static let examplePlant = packageRoot + "/Examples/riverside-water"

  /// A fixed "today" so review-date checks are reproducible.
  static let today = "2026-11-27"
}
