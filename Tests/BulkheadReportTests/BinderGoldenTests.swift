import Foundation
import Testing

@testable import BulkheadReport

/// The example plant's binder, in each format, against its reviewed golden.
@Suite struct BinderGoldenTests {
  @Test(arguments: ["binder.md", "binder.html", "zones.dot", "traffic.dot"])
  func matchesGolden(_ name: String) throws {
    let renderings = try BinderExample.renderings()
    let text = try #require(renderings[name])
    try BinderExample.expectGolden(text, named: name)
  }
}
