import Foundation
import Testing

@testable import BulkheadReport

/// Same inputs, same bytes: two assessments of the example plant render identically, and a timestamp appears only
/// when asked for.
@Suite struct BinderDeterminismTests {
  @Test func twoRunsAreByteIdentical() throws {
    let first = try BinderExample.renderings()
    let second = try BinderExample.renderings()
    #expect(first.keys.sorted() == ["binder.html", "binder.md", "traffic.dot", "zones.dot"])
    for (name, text) in first {
      #expect(Data(text.utf8) == Data((second[name] ?? "").utf8), "\(name) differs between two runs")
    }
  }

  @Test func timestampIsOffByDefaultAndPrintedWhenGiven() throws {
    let (result, plant) = try BinderExample.assess()
    let plain = BinderRenderer().markdown(result, plant: plant)
    #expect(!plain.contains("Generated at"))
    let stamped = BinderRenderer(timestamp: "2026-11-27T04:00:00Z")
    #expect(stamped.markdown(result, plant: plant).contains("Generated at 2026-11-27T04:00:00Z"))
    #expect(stamped.html(result, plant: plant, svg: [:]).contains("Generated at 2026-11-27T04:00:00Z"))
  }
}
