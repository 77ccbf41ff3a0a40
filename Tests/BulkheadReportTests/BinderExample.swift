import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

/// The example plant (Examples/riverside-water) assessed as of 2026-11-27, and helpers to compare renderings with
/// the goldens under Tests/Goldens/binder.
enum BinderExample {
  /// The package root, from this file's path (Tests/BulkheadReportTests/BinderExample.swift).
  static let packageRoot: String =
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// Stand-ins for the Graphviz SVG, so the HTML golden does not depend on the installed Graphviz version.
  static let stubSVG: [DiagramKind: String] = [
    .zones: "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
      + "<title>zones</title></svg>\n",
    .traffic: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><title>traffic</title></svg>",
  ]

  /// Loads and assesses the example plant afresh (each call reads every input again).
  static func assess() throws -> (AssessmentResult, Plant) {
    let today = try #require(CalendarDate("2026-11-27"))
    let loaded = try ModelLoader().load(path: packageRoot + "/Examples/riverside-water", today: today)
    return (Assessor(today: today, toolVersion: "0.1.0").assess(loaded), loaded.plant)
  }

  /// Paths in the output relative to the package root, as `bulkhead report Examples/riverside-water` prints them
  /// when run from there, so goldens do not depend on where the checkout lives.
  static func relative(_ text: String) -> String {
    text.replacingOccurrences(of: packageRoot + "/", with: "")
  }

  /// The four goldens' contents, rendered from a fresh assessment.
  static func renderings() throws -> [String: String] {
    let (result, plant) = try assess()
    let binder = BinderRenderer()
    return [
      "binder.md": relative(binder.markdown(result, plant: plant)),
      "binder.html": relative(binder.html(result, plant: plant, svg: stubSVG)),
      "zones.dot": relative(DOTRenderer().render(.zones, result: result, plant: plant)),
      "traffic.dot": relative(DOTRenderer().render(.traffic, result: result, plant: plant)),
    ]
  }

  /// Compares `actual` with Tests/Goldens/binder/`name`; with `BULKHEAD_RECORD_GOLDENS=1` writes it instead.
  static func expectGolden(
    _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  )
    throws
  {
    let path = packageRoot + "/Tests/Goldens/binder/" + name
    if ProcessInfo.processInfo.environment["BULKHEAD_RECORD_GOLDENS"] == "1" {
      try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
      return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record(
        "golden \(path) is missing; record it with BULKHEAD_RECORD_GOLDENS=1 swift test --filter Binder",
        sourceLocation: sourceLocation)
      return
    }
    guard expected != actual else { return }
    let actualPath = NSTemporaryDirectory() + "bulkhead-golden-actual-" + name
    try? Data(actual.utf8).write(to: URL(fileURLWithPath: actualPath))
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let first =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let want = first < expectedLines.count ? String(expectedLines[first]) : "<end of file>"
    let got = first < actualLines.count ? String(actualLines[first]) : "<end of file>"
    Issue.record(
      """
      \(name) differs from its golden at line \(first + 1):
        golden: \(want.prefix(300))
        actual: \(got.prefix(300))
      See all of it: diff -u \(path) \(actualPath)
      If the change is intended, re-record with BULKHEAD_RECORD_GOLDENS=1 swift test --filter Binder and review \
      the diff like code.
      """, sourceLocation: sourceLocation)
  }
}
