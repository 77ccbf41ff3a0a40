import Foundation
import Testing

/// The in-repository corpus subset (`Tests/Fixtures/corpus`) is whole: every manifest row names a file that is there,
/// every file there has its manifest row (with source, commit and license), every capture has its tshark reference,
/// and no file is over the size limit. A file added without its row, or a row whose file was not copied, fails here.
@Suite struct CorpusManifestTests {
  /// Repository rule: no fixture over 4 MB (README of the corpus).
  static let sizeLimit = 4_000_000

  struct Row {
    var fields: [String: String]
    var file: String { fields["file"] ?? "" }
  }

  static func rows(_ folder: String) throws -> [Row] {
    let url = Corpus.root.appendingPathComponent("\(folder)/MANIFEST.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    let header = try #require(lines.first, "\(folder)/MANIFEST.tsv is empty")
    return lines.dropFirst().map { Row(fields: Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a })) }
  }

  /// Every regular file under `folder`, relative to the corpus root, but the folder's manifest and its README (the
  /// provenance notes every fixture folder carries).
  static func files(under folder: String) -> [String] {
    let base = Corpus.root.appendingPathComponent(folder)
    let names = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
    return names.filter { name in
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isDirectory)
      return !isDirectory.boolValue && name != "MANIFEST.tsv" && name != "README.md"
    }.map { "\(folder)/\($0)" }.sorted()
  }

  /// The size in bytes of a file of the corpus.
  static func size(_ relative: String) throws -> Int? {
    try FileManager.default.attributesOfItem(atPath: Corpus.root.appendingPathComponent(relative).path)[.size] as? Int
  }

  static func checkProvenance(_ row: Row) {
    for column in ["source_repo", "path_in_repo", "license"] {
      #expect(!(row.fields[column] ?? "").isEmpty, "\(row.file): no \(column)")
    }
    let commit = row.fields["commit"] ?? ""
    #expect(commit.count == 40 && commit.allSatisfy(\.isHexDigit), "\(row.file): commit '\(commit)' is not a git hash")
  }

  @Test func capturesAndManifestAgree() throws {
    let rows = try Self.rows("pcaps")
    #expect(rows.count >= Corpus.minimumCaptures, Comment(rawValue: Corpus.missingMessage))
    #expect(rows.map(\.file) == rows.map(\.file).sorted(), "pcaps/MANIFEST.tsv is not sorted by file")
    #expect(Set(rows.map(\.file)) == Set(Self.files(under: "pcaps")), "pcaps/ and its manifest list different files")
    for row in rows {
      Self.checkProvenance(row)
      let name = (row.file as NSString).lastPathComponent
      let reference = Corpus.root.appendingPathComponent("tshark-ref/\(name).txt").path
      #expect(FileManager.default.fileExists(atPath: reference), "\(row.file): no tshark-ref/\(name).txt")
      #expect(
        try Self.size(row.file).map(String.init) == row.fields["size_bytes"],
        "\(row.file): size differs from the manifest")
    }
    // No reference without its capture either.
    let captured = Set(rows.map { ($0.file as NSString).lastPathComponent + ".txt" })
    for reference in Self.files(under: "tshark-ref") {
      #expect(captured.contains((reference as NSString).lastPathComponent), "\(reference) has no capture")
    }
  }

  @Test func configsAndManifestAgree() throws {
    let rows = try Self.rows("configs")
    #expect(!rows.isEmpty)
    #expect(
      Set(rows.map(\.file)) == Set(Self.files(under: "configs")), "configs/ and its manifest list different files")
    for row in rows { Self.checkProvenance(row) }
  }

  @Test func noFileOverTheSizeLimit() throws {
    let all = Self.files(under: ".")
    #expect(all.count > Corpus.minimumCaptures)
    for file in all {
      let size = try Self.size(file) ?? 0
      #expect(size <= Self.sizeLimit, "\(file) is \(size) bytes, over the 4 MB limit")
    }
  }

  /// Each source repository named in a manifest has its license text under `licenses/`, or the README says why not.
  @Test func everySourceHasItsLicense() throws {
    let licenses = Self.files(under: "licenses").map { ($0 as NSString).lastPathComponent }
    let readme = try String(contentsOf: Corpus.root.appendingPathComponent("README.md"), encoding: .utf8)
    let sources = Set(try (Self.rows("pcaps") + Self.rows("configs")).compactMap { $0.fields["source_repo"] })
    for source in sources.sorted() {
      let prefix = source.replacingOccurrences(of: "/", with: "+") + "__"
      #expect(
        licenses.contains { $0.hasPrefix(prefix) } || readme.contains("`\(source)`"),
        "\(source): no licenses/\(prefix)* and the corpus README does not name it")
    }
  }
}
