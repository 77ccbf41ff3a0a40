import Foundation

/// Finds the shared corpus beside the package (`<package root>/../shared`, or two levels up from a git worktree).
enum Corpus {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `shared/corpus` directory, or nil when it is absent.
  static let root: URL? = {
    let candidates = [
      packageRoot.appendingPathComponent("../shared/corpus"),
      packageRoot.appendingPathComponent("../../shared/corpus"),
    ]
    return candidates.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("pcaps/MANIFEST.tsv").path)
    }
    .map(\.standardizedFileURL)
  }()

  static let missingMessage =
    "shared corpus not found at <package root>/../shared/corpus (clone shared/ beside the package)"

  /// Every capture listed in the manifest, as paths relative to `pcaps/`.
  static let captures: [String] = {
    guard let root,
      let text = try? String(contentsOf: root.appendingPathComponent("pcaps/MANIFEST.tsv"), encoding: .utf8)
    else { return [] }
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
      let file = line.split(separator: "\t", omittingEmptySubsequences: false).first.map(String.init) ?? ""
      return file.hasPrefix("pcaps/") ? String(file.dropFirst("pcaps/".count)) : nil
    }
  }()

  /// The absolute path of a capture named by its file name (searched in every protocol folder).
  static func path(named name: String) -> String? {
    guard let root else { return nil }
    guard let relative = captures.first(where: { $0.hasSuffix("/" + name) }) else { return nil }
    return root.appendingPathComponent("pcaps").appendingPathComponent(relative).path
  }

  /// A fixture under `Tests/Fixtures/captures`.
  static func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/captures").appendingPathComponent(name).path
  }
}
