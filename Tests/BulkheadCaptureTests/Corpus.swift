import Foundation
import Testing

/// The corpus subset inside the package (`Tests/Fixtures/corpus`, see its README): real public captures with their
/// manifest, tshark references and licenses. Nothing outside the package is read, and a missing file fails its test.
enum Corpus {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `Tests/Fixtures/corpus`.
  static let root = packageRoot.appendingPathComponent("Tests/Fixtures/corpus")

  static let missingMessage =
    "the corpus subset is missing from Tests/Fixtures/corpus (see its README; it ships with the repository)"

  /// Every capture listed in the manifest, as paths relative to `pcaps/` (empty when the manifest is missing, which
  /// `CorpusManifestTests` reports as a failure).
  static let captures: [String] = manifestFiles(in: "pcaps")

  /// Fewer captures than this means the subset lost files (README: what was left out, and why).
  static let minimumCaptures = 250

  /// The first column of `<folder>/MANIFEST.tsv`, relative to `<folder>/`.
  static func manifestFiles(in folder: String) -> [String] {
    let url = root.appendingPathComponent("\(folder)/MANIFEST.tsv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
      let file = line.split(separator: "\t", omittingEmptySubsequences: false).first.map(String.init) ?? ""
      return file.hasPrefix("\(folder)/") ? String(file.dropFirst(folder.count + 1)) : nil
    }
  }

  /// The corpus root, once the manifest is known to list captures: a missing corpus fails the calling test.
  static func requireRoot() throws -> URL {
    try #require(!captures.isEmpty, Comment(rawValue: missingMessage))
    return root
  }

  /// The absolute path of a capture named by its file name (searched in every protocol folder).
  static func path(named name: String) -> String? {
    guard let relative = captures.first(where: { $0.hasSuffix("/" + name) }) else { return nil }
    return root.appendingPathComponent("pcaps").appendingPathComponent(relative).path
  }

  /// A fixture under `Tests/Fixtures/captures`.
  static func fixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/captures").appendingPathComponent(name).path
  }
}
