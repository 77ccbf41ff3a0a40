import BulkheadAnalysis
import BulkheadModel
import Testing

@testable import BulkheadReport

/// The what-if renderers on one hand-made result: a change that breaks a conduit by dropping its observed traffic,
/// one zone pair losing a service, one finding closed and one opened. The text is pinned whole.
@Suite struct WhatIfRendererTests {
  static func result() throws -> WhatIfResult {
    let historian = try #require(IPAddress("172.16.10.10"))
    let scada = try #require(IPAddress("10.50.2.10"))
    let accept = FirewallRuleReference(
      firewall: "fw-itot", location: SourceLocation(file: "firewalls/fw-itot.rules", line: 14), text: "-j ACCEPT")
    let drop = FirewallRuleReference(
      firewall: "fw-itot", location: SourceLocation(file: "proposed/fw-itot.rules", line: 18), text: "-j DROP")
    let witness = WitnessPacket(
      source: historian, destination: scada, transport: .tcp, sourcePort: 49152, destinationPort: 4840)
    let model = SourceLocation(file: "bulkhead.yaml", line: 151, column: 9)
    var before = DeclaredFlowFacts(
      conduit: "historian-collect", flowIndex: 0, summary: "asset historian → asset scada-server opcua",
      location: model, fromZone: "ot-dmz", toZone: "scada", spans: [], coverage: .allowed)
    var after = before
    after.coverage = .blocked
    after.blockedWitness = witness
    after.blockingRules = [drop]
    before.observedFlows = 2
    var flow = ObservedFlowFacts(
      FlowObservation(
        initiator: historian, initiatorPort: 50000, responder: scada, responderPort: 4840, transport: .tcp,
        packets: 12, firstSeen: 1_790_000_000, lastSeen: 1_790_000_004.5, application: "opcua",
        operations: ["read": 6]),
      seenAt: [SourceLocation(file: "captures/ot-dmz.pcap", line: 49)], initiatorZone: "ot-dmz",
      responderZone: "scada", conduit: "historian-collect", conduitFlowIndex: 0, verdict: .denied,
      verdictRules: [drop])
    flow.securityMode = "None"
    let closed = Finding(
      ruleID: "protocol-violation", severity: .high, category: .segmentation, message: "security mode None",
      location: SourceLocation(file: "captures/ot-dmz.pcap", line: 49), subject: "a")
    let opened = Finding(
      ruleID: "declared-but-blocked", severity: .medium, category: .documentation,
      message: "conduit historian-collect is blocked", location: model, subject: "b")
    return WhatIfResult(
      toolVersion: "test", plant: "Riverside", modelFile: "bulkhead.yaml",
      date: try #require(CalendarDate("2026-11-27")),
      proposed: [ProposedConfig(enforcementPoint: "fw-itot", path: "proposed/fw-itot.rules")],
      zonePairs: [
        ZonePairChange(
          from: "ot-dmz", to: "scada",
          newlyDenied: [
            PacketSetChange(service: "tcp/4840", witness: witness, rulesBefore: [accept], rulesAfter: [drop])
          ])
      ],
      flowChanges: [
        ObservedFlowChange(
          key: TrafficKey(flow), verdictBefore: .allowed, rulesBefore: [accept], flows: FlowAggregate(flow))
      ],
      conduitChanges: [DeclaredFlowChange(before: before, after: after)], closedFindings: [closed],
      openedFindings: [opened], unchangedFindings: 19, flowCount: 21)
  }

  @Test func textIsPinned() throws {
    let text = WhatIfTextRenderer(color: false).render(try Self.result())
    let expected = """
      Riverside — Bulkhead what-if, 2026-11-27
      Proposed: fw-itot=proposed/fw-itot.rules
      Breaks 1 conduit(s) (historian-collect); drops 1 of 21 observed flow(s), lets through 0; closes 1 finding(s), \
      opens 1 (19 unchanged); 1 zone pair(s) change.

      Conduits broken (1)
        bulkhead.yaml:151:9: historian-collect: asset historian → asset scada-server opcua  allowed → blocked
          e.g. tcp 172.16.10.10:49152 → 10.50.2.10:4840 dropped by fw-itot proposed/fw-itot.rules:18: -j DROP

      Observed traffic the change would drop (1)
        ot-dmz → scada opcua tcp/4840: 1 flow(s) (read), last seen 2026-09-21T14:13:24.500Z, conduit historian-collect
          today allowed: fw-itot firewalls/fw-itot.rules:14: -j ACCEPT
          after denied: fw-itot proposed/fw-itot.rules:18: -j DROP
          e.g. 172.16.10.10 → 10.50.2.10 tcp/4840  (captures/ot-dmz.pcap:49)

      Observed traffic, dropped today, the change would let through (0)
        none

      Observed traffic whose verdict changes otherwise (0)
        none

      Declared flows the change covers better (0)
        none

      Packet space per zone pair (1)
        ot-dmz → scada
          - tcp/4840  e.g. tcp 172.16.10.10:49152 → 10.50.2.10:4840
              today: fw-itot firewalls/fw-itot.rules:14: -j ACCEPT; after: fw-itot proposed/fw-itot.rules:18: -j DROP

      Findings closed (1)
        captures/ot-dmz.pcap:49: high: security mode None [protocol-violation \(Finding.fingerprintText("protocol-violation", "a"))]

      Findings opened (1)
        bulkhead.yaml:151:9: medium: conduit historian-collect is blocked [declared-but-blocked \(Finding.fingerprintText("declared-but-blocked", "b"))]

      Diagnostics (0)
        none

      """
    #expect(text == expected)
  }

  @Test func markdownTablesEveryChange() throws {
    let markdown = WhatIfMarkdownRenderer().render(try Self.result())
    #expect(markdown.hasPrefix("# What if: Riverside, 2026-11-27\n"))
    #expect(markdown.contains("- **historian-collect** (`bulkhead.yaml:151:9`)"))
    #expect(
      markdown.contains(
        "| ot-dmz | scada | opcua tcp/4840 | 1 | read | 2026-09-21T14:13:24.500Z | historian-collect | "))
    #expect(
      markdown.contains("| ot-dmz | scada | newly denied | tcp/4840 | `tcp 172.16.10.10:49152 → 10.50.2.10:4840` |"))
    #expect(markdown.contains("## Findings opened (1)"))
  }
}

extension Finding {
  /// The fingerprint of a finding with this rule and subject.
  static func fingerprintText(_ rule: String, _ subject: String) -> String {
    Finding(
      ruleID: rule, severity: .info, category: .documentation, message: "", location: SourceLocation(file: ""),
      subject: subject
    ).fingerprint
  }
}
