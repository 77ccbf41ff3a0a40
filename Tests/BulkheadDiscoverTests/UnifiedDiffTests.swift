import Foundation
import Testing

@testable import BulkheadDiscover

/// The amendment's diff is one `patch` applies to exactly the amended text: insertions at the top, middle and end,
/// replacements, nearby edits in one hunk, far ones in two, and a file without a final newline.
@Suite struct UnifiedDiffTests {
  static let lines = (1...20).map { "line \($0)" }

  static let cases: [(String, String, [LineEdit])] = [
    ("insert at the top", lines.joined(separator: "\n") + "\n", [LineEdit(line: 0, inserting: ["new"])]),
    ("insert in the middle", lines.joined(separator: "\n") + "\n", [LineEdit(line: 10, inserting: ["a", "b"])]),
    ("append", lines.joined(separator: "\n") + "\n", [LineEdit(line: 20, inserting: ["tail"])]),
    ("replace", lines.joined(separator: "\n") + "\n", [LineEdit(line: 5, removing: 2, inserting: ["x"])]),
    (
      "two edits, one hunk", lines.joined(separator: "\n") + "\n",
      [LineEdit(line: 4, inserting: ["a"]), LineEdit(line: 8, inserting: ["b"])]
    ),
    (
      "two edits, two hunks", lines.joined(separator: "\n") + "\n",
      [LineEdit(line: 1, inserting: ["a"]), LineEdit(line: 17, removing: 1, inserting: ["b", "c"])]
    ),
    ("no final newline, append", lines.joined(separator: "\n"), [LineEdit(line: 20, inserting: ["tail"])]),
    ("no final newline, edit far away", lines.joined(separator: "\n"), [LineEdit(line: 2, inserting: ["a"])]),
  ]

  @Test(arguments: cases.indices)
  func patchAppliesTheDiffToTheAmendedText(index: Int) throws {
    let (name, text, edits) = Self.cases[index]
    let diff = UnifiedDiff(text: text, edits: edits)
    let directory = try PatchApplier.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/model.yaml"))
    let patch = diff.text(oldName: "a/model.yaml", newName: "b/model.yaml")
    let applied = try PatchApplier.apply(patch, in: directory)
    #expect(applied.status == 0, "\(name): \(applied.output)\n\(patch)")
    let result = try String(contentsOfFile: directory + "/model.yaml", encoding: .utf8)
    #expect(result == diff.newText, "\(name)\n\(patch)")
  }

  @Test func nothingToChangeIsNoDiff() {
    let diff = UnifiedDiff(text: "a\nb\n", edits: [LineEdit(line: 1, inserting: [])])
    #expect(diff.text(oldName: "a/x", newName: "b/x").isEmpty)
    #expect(diff.newText == "a\nb\n")
  }
}
