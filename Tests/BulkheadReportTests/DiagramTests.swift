import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

/// The zone and traffic diagrams of the example plant: layout by Purdue level, edge styles by status, quoting, and
/// Graphviz accepting the DOT.
@Suite struct DiagramTests {
  static func dot(_ kind: DiagramKind) throws -> String {
    let (result, plant) = try BinderExample.assess()
    return DOTRenderer().render(kind, result: result, plant: plant)
  }

  /// The edge line from `from`'s first node to `to`'s (zone diagram edges carry `lhead="cluster_zone:<to>"`).
  static func edge(_ dot: String, from: String, to: String) -> String? {
    dot.split(separator: "\n").map(String.init).first {
      $0.contains("ltail=\"cluster_zone:\(from)\"") && $0.contains("lhead=\"cluster_zone:\(to)\"")
    }
  }

  @Test func everyZoneIsAClusterWithItsAssets() throws {
    let dot = try Self.dot(.zones)
    for zone in ["enterprise", "ot-dmz", "scada", "filtration", "dosing", "safety"] {
      #expect(dot.contains("subgraph \"cluster_zone:\(zone)\" {"), "no cluster for \(zone)")
    }
    #expect(dot.contains("\"asset:plc-filt-1\" [label=\"plc-filt-1\\n10.50.11.10\""))
    #expect(dot.contains("SL-T(4,4,4,2,4,3,4)"))
  }

  @Test func zonesSitOnTheirPurdueRowsEnterpriseFirst() throws {
    let lines = try Self.dot(.zones).split(separator: "\n").map(String.init)
    let ranks = lines.filter { $0.contains("rank=same") }
    #expect(ranks.count == 4)
    #expect(ranks.first?.contains("\"asset:corp-ws-17\"") == true)
    #expect(ranks.first?.contains("\"band:0\"") == true)
    let control = try #require(ranks.last)
    for asset in ["plc-filt-1", "plc-filt-2", "plc-dose-1", "sis-1"] {
      #expect(control.contains("\"asset:\(asset)\""), "\(asset) not on the control row")
    }
    #expect(lines.contains("  \"band:0\" -> \"band:1\" [style=\"invis\"];"))
  }

  @Test func edgesAreStyledByStatus() throws {
    let dot = try Self.dot(.zones)
    let bypass = try #require(Self.edge(dot, from: "enterprise", to: "filtration"))
    #expect(bypass.contains("style=\"bold\"") && bypass.contains("DMZ BYPASS"))
    let undeclared = try #require(Self.edge(dot, from: "enterprise", to: "ot-dmz"))
    #expect(undeclared.contains("style=\"dashed\"") && undeclared.contains("undeclared: tcp/1433"))
    let verified = try #require(Self.edge(dot, from: "scada", to: "safety"))
    #expect(verified.contains("style=\"solid\"") && verified.contains("scada-safety\\nmodbus"))
    let blocked = try #require(Self.edge(dot, from: "enterprise", to: "scada"))
    #expect(blocked.contains("style=\"dotted\""))
    let controls = try #require(Self.edge(dot, from: "ot-dmz", to: "scada"))
    #expect(controls.contains("[auth, via jump-host]"))
    #expect(controls.contains("href=\"#pair-ot-dmz--scada\""))
    #expect(Self.edge(dot, from: "filtration", to: "scada") == nil)
  }

  @Test func statusFollowsTheRecordAndTheFindings() {
    let flow = DeclaredFlowFacts(
      conduit: "c", flowIndex: 0, summary: "a → b tcp/1",
      location: BulkheadModel.SourceLocation(file: "m.yaml", line: 1),
      fromZone: "a", toZone: "b", spans: [ServiceSpan(.tcp, ports: PortRange(1))], coverage: .allowed)
    let address = IPAddress(v4: 0x0a00_0001)
    let witness = WitnessPacket(source: address, destination: address, transport: .tcp)
    let permit = PermittedService(service: "tcp/1", span: nil, witness: witness, rules: [])
    let seen = ObservedTraffic(
      ObservedFlowFacts(FlowObservation(initiator: address, responder: address, responderPort: 1, transport: .tcp)))
    let dropped = ObservedTraffic(
      ObservedFlowFacts(
        FlowObservation(initiator: address, responder: address, responderPort: 1, transport: .tcp, answered: false)))
    func status(_ record: ZonePairRecord, _ findings: [Finding] = []) -> ConduitEdgeStatus {
      ConduitEdgeStatus(record: record, findings: findings)
    }
    #expect(
      status(ZonePairRecord(from: "a", to: "b", declared: [flow], permitted: [permit], observed: [seen])) == .verified)
    #expect(status(ZonePairRecord(from: "a", to: "b", declared: [flow])) == .declaredOnly)
    #expect(status(ZonePairRecord(from: "a", to: "b", permitted: [permit], undeclared: [permit])) == .undeclared)
    #expect(status(ZonePairRecord(from: "a", to: "b", observed: [dropped])) == .blocked)
    let bypass = Finding(
      ruleID: "dmz-bypass", severity: .critical, category: .segmentation, message: "m",
      location: BulkheadModel.SourceLocation(file: "f"), zones: ["a", "b"], subject: "a->b")
    #expect(status(ZonePairRecord(from: "a", to: "b", permitted: [permit], undeclared: [permit]), [bypass]) == .bypass)
    #expect(
      status(ZonePairRecord(from: "b", to: "a", permitted: [permit], undeclared: [permit]), [bypass]) == .undeclared)
  }

  @Test func trafficGraphHighlightsUnknownHostsAndDrops() throws {
    let dot = try Self.dot(.traffic)
    let unknown = try #require(dot.split(separator: "\n").first { $0.contains("\"host:10.50.2.99\" [") })
    #expect(unknown.contains("UNKNOWN") && unknown.contains("fillcolor=\"#ffcc80\""))
    let vendor = try #require(
      dot.split(separator: "\n").first { $0.contains("\"host:10.20.30.40\" -> \"host:10.50.11.10\"") })
    #expect(vendor.contains("modbus tcp/502") && vendor.contains("write") && vendor.contains("style=\"bold\""))
    let rdp = try #require(
      dot.split(separator: "\n").first { $0.contains("\"host:10.20.1.17\" -> \"host:10.50.2.21\"") })
    #expect(rdp.contains("style=\"dotted\"") && rdp.contains("dropped"))
    #expect(dot.contains("mode None"))
  }

  @Test func quotingKeepsAnyTextInsideItsString() {
    #expect(DOTText.quoted("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c\\nd\"")
    #expect(DOTText.attributes([("label", "x\"y")]) == "[label=\"x\\\"y\"]")
  }

  @Test func graphvizLaysOutBothDiagrams() throws {
    let layout = GraphvizLayout()
    try #require(layout.isAvailable, "Graphviz `dot` is not installed (apt-get install graphviz; .ci/run does)")
    for kind in DiagramKind.allCases {
      let svg = try layout.svg(try Self.dot(kind))
      #expect(svg.contains("<svg"), "\(kind) did not lay out")
      let inline = GraphvizLayout.inlineElement(svg)
      #expect(inline.hasPrefix("<svg") && inline.hasSuffix("</svg>"))
      let png = try layout.png(try Self.dot(kind))
      #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "\(kind) PNG is \(png.count) bytes")
    }
  }

  @Test func missingGraphvizIsAClearError() {
    let layout = GraphvizLayout(searchPath: "/nonexistent-bulkhead-test")
    #expect(!layout.isAvailable)
    #expect(throws: GraphvizError.notInstalled) { try layout.svg("digraph {}") }
    #expect(GraphvizError.notInstalled.description.contains("apt-get install graphviz"))
  }

  @Test func brokenDOTIsReportedWithGraphvizMessage() throws {
    let layout = GraphvizLayout()
    try #require(layout.isAvailable, "Graphviz `dot` is not installed")
    do {
      _ = try layout.svg("digraph { a -> }")
      Issue.record("dot accepted a broken graph")
    } catch {
      guard case .failed(let status, let message) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(status != 0)
      #expect(message.contains("syntax error"))
    }
  }
}
