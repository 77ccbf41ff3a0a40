import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

/// What the binder must say about the example plant, and that it holds together: every link lands, nothing is
/// fetched, text from the model is escaped.
@Suite struct BinderContentTests {
  static func anchors(in text: String, pattern: String) throws -> Set<String> {
    let regex = try NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return Set(
      regex.matches(in: text, range: range).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
      })
  }

  @Test func everyHTMLLinkLandsOnAnAnchor() throws {
    let (result, plant) = try BinderExample.assess()
    let html = BinderRenderer().html(result, plant: plant, svg: BinderExample.stubSVG)
    let links = try Self.anchors(in: html, pattern: "href=\"#([^\"]+)\"")
    let ids = try Self.anchors(in: html, pattern: " id=\"([^\"]+)\"")
    #expect(links.count > 30)
    #expect(links.subtracting(ids).isEmpty, "dangling links: \(links.subtracting(ids).sorted())")
  }

  @Test func everyMarkdownLinkLandsOnAnAnchor() throws {
    let (result, plant) = try BinderExample.assess()
    let markdown = BinderRenderer().markdown(result, plant: plant)
    let links = try Self.anchors(in: markdown, pattern: "\\]\\(#([^)]+)\\)")
    let ids = try Self.anchors(in: markdown, pattern: "<a id=\"([^\"]+)\"></a>")
    #expect(links.count > 30)
    #expect(links.subtracting(ids).isEmpty, "dangling links: \(links.subtracting(ids).sorted())")
  }

  @Test func htmlIsSelfContained() throws {
    let (result, plant) = try BinderExample.assess()
    let html = BinderRenderer().html(result, plant: plant, svg: BinderExample.stubSVG)
    #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><title>zones</title>"))
    #expect(!html.contains("<?xml"))
    for fetch in ["<script", "<link", "src=", "@import", "url("] {
      #expect(!html.contains(fetch), "the binder must not load anything: found \(fetch)")
    }
    #expect(html.contains("Content-Security-Policy"))
    #expect(html.contains("@media print"))
  }

  @Test func missingDiagramSaysWhy() throws {
    let (result, plant) = try BinderExample.assess()
    let html = BinderRenderer().html(result, plant: plant, svg: [:], missingDiagram: "no dot here")
    #expect(html.components(separatedBy: "<p class=\"missing\">no dot here</p>").count - 1 == 2)
    let markdown = BinderRenderer().markdown(result, plant: plant, svgWritten: false)
    #expect(markdown.contains("Graphviz source: [zones.dot](zones.dot) (render it with `dot -Tsvg zones.dot`)"))
    #expect(!markdown.contains("zones.svg"))
  }

  @Test func registersCarryTheModelAndTheEvidence() throws {
    let (result, plant) = try BinderExample.assess()
    let markdown = BinderExample.relative(BinderRenderer().markdown(result, plant: plant))
    // Zone register: SL-T against SL-A per FR, with what caps it.
    #expect(markdown.contains("| FR5 RDF | 3 | **0 (below SL-T)** | reachable directly from Purdue 4–5 |"))
    // Conduit register: owner, review date, the rules that implement a flow, observed usage.
    #expect(markdown.contains("| **Review by** | 2024-12-31 |"))
    #expect(markdown.contains("| **Owner** | process-safety |"))
    #expect(markdown.contains("`Examples/riverside-water/firewalls/fw-itot.iptables-save:14`"))
    #expect(markdown.contains("| **Observed usage** | 3 flows observed |"))
    // Findings in rank order with remediation; the evidence appendix with every digest.
    let first = try #require(result.findings.first)
    #expect(first.ruleID == "dmz-bypass")
    #expect(markdown.contains("### <a id=\"finding-1\"></a>1. enterprise (Purdue 4) reaches filtration"))
    #expect(markdown.components(separatedBy: "**Remediation:** ").count - 1 == result.findings.count)
    for input in result.inputs { #expect(markdown.contains(input.sha256), "no digest for \(input.path)") }
    #expect(markdown.contains("| **Capture window** | 2026-"))
    #expect(markdown.contains("**unknown**"))
  }

  @Test func modelTextIsEscaped() throws {
    let (result, plant) = try BinderExample.assess()
    let hostile = Plant(
      name: "<script>alert(1)</script> | *x*", description: "a & b", modelFile: plant.modelFile,
      baseDirectory: plant.baseDirectory, zones: plant.zones, assets: plant.assets, groups: plant.groups,
      conduits: plant.conduits, enforcementPoints: plant.enforcementPoints, captures: plant.captures)
    let html = BinderRenderer().html(result, plant: hostile, svg: [:])
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *x* — zone and conduit binder"))
    #expect(html.contains("a &amp; b"))
    let markdown = BinderRenderer().markdown(result, plant: hostile)
    #expect(markdown.contains("\\<script\\>alert(1)\\</script\\> \\| \\*x\\*"))
    let dot = DOTRenderer().render(.zones, result: result, plant: hostile)
    #expect(dot.contains("label=\"<script>alert(1)</script> | *x*: zones and conduits\""))
  }

  @Test func timestampsAreUTCAndExact() {
    #expect(UTCTimestamp.text(0) == "1970-01-01T00:00:00.000Z")
    #expect(UTCTimestamp.text(1_795_000_000.25) == "2026-11-18T11:06:40.250Z")
    #expect(UTCTimestamp.text(-1) == "1969-12-31T23:59:59.000Z")
  }
}
