import BulkheadAnalysis
import Foundation
import Testing

@testable import BulkheadReport

/// The zone matrix: one cell per ordered zone pair with its D/C/O code, coloured, linked to the pair's detail.
@Suite struct MatrixTests {
  @Test func htmlCellsCarryCodeColourAndLink() throws {
    let (result, _) = try BinderExample.assess()
    let html = ZoneMatrixRenderer().html(result)
    #expect(html.contains("<td class=\"cell-disagree\""))
    #expect(html.contains("<a href=\"#pair-enterprise--filtration\">-CO!</a>"))
    #expect(html.contains("<a href=\"#pair-scada--safety\">DCO</a>"))
    #expect(html.contains("<td class=\"cell-agree\" title=\"scada → safety: declared: yes; configured: yes"))
    // A pair with nothing to show is not a link; the diagonal is a dot.
    #expect(html.contains("<td class=\"cell-empty\" title=\"filtration → scada: declared: no; configured: no"))
    #expect(!html.contains("#pair-filtration--scada"))
    #expect(html.components(separatedBy: "<td class=\"cell-same\">·</td>").count - 1 == 6)
  }

  @Test func markdownRowsMatchTheZoneOrder() throws {
    let (result, _) = try BinderExample.assess()
    let lines = ZoneMatrixRenderer().markdown(result).split(separator: "\n").map(String.init)
    #expect(lines.first == "| from \\ to | enterprise | ot-dmz | scada | filtration | dosing | safety |")
    #expect(
      lines.contains(
        "| scada | --- | [DCO](#pair-scada--ot-dmz) | · | [DCO](#pair-scada--filtration) | "
          + "[**DCO!**](#pair-scada--dosing) | [DCO](#pair-scada--safety) |"))
  }

  @Test(arguments: [
    (
      ZoneMatrixCell(declared: true, configured: true, observed: true, undeclaredPermits: false, observedDenied: false),
      "agree"
    ),
    (
      ZoneMatrixCell(
        declared: true, configured: true, observed: false, undeclaredPermits: false, observedDenied: false), "partial"
    ),
    (
      ZoneMatrixCell(
        declared: false, configured: true, observed: false, undeclaredPermits: true, observedDenied: false), "disagree"
    ),
    (
      ZoneMatrixCell(
        declared: false, configured: false, observed: true, undeclaredPermits: false, observedDenied: true), "alarm"
    ),
    (
      ZoneMatrixCell(
        declared: false, configured: false, observed: false, undeclaredPermits: false, observedDenied: false), "empty"
    ),
  ])
  func toneFollowsTheCell(cell: ZoneMatrixCell, tone: String) {
    #expect(ZoneMatrixTone(cell).rawValue == tone)
  }
}
