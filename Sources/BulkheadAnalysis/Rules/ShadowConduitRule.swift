import BulkheadModel

/// Traffic crosses a zone boundary and no conduit explains it.
public struct ShadowConduitRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "shadow-conduit", title: "Observed cross-zone traffic that no conduit declares", severity: .high,
    category: .segmentation,
    rationale:
      "Every path between zones should be a deliberately defined conduit. Traffic the model does not explain is "
      + "either a missing declaration or a path nobody intended; both mean the team cannot answer \"what talks "
      + "to what, through which conduit\".",
    remediation:
      "Find the owner of the traffic. If it is needed, declare the flow in a conduit (with owner and "
      + "justification) and make the firewall permit exactly it; if not, remove the permit that lets it through.",
    requirements: [.networkSegmentation, .zoneBoundaryProtection])

  public static let examples: [RuleExample] = [
    .triggering(
      "the PLC is polled from the DMZ over a port the conduit does not name",
      files: ExamplePlant.files(
        extraRules: ["-A FORWARD -i eth-dmz -o eth-ctl -s 10.2.0.10/32 -d 10.3.0.10/32 -p tcp -j ACCEPT"],
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 102, packet: 7))),
      at: ["captures/span.pcap:7"]),
    .nonTriggering(
      "the PLC is polled as declared",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 4])))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    var seen: Set<String> = []
    var findings: [Finding] = []
    for flow in context.observedFlows where flow.crossesZones && flow.answered && flow.conduit == nil {
      guard flow.verdict != .denied, let fromID = flow.initiatorZone, let toID = flow.responderZone,
        let from = context.plant.zone(id: fromID), let to = context.plant.zone(id: toID)
      else { continue }
      // Business-to-control traffic is reported (with this flow as evidence) as a DMZ bypass.
      if from.purdue.isEnterprise && to.purdue.isControl { continue }
      let subject = "\(flow.initiator)->\(flow.responder) \(flow.span)"
      guard seen.insert(subject).inserted else { continue }
      var evidence = EvidenceList()
      evidence.append(flow: flow)
      evidence.append(rules: flow.verdictRules)
      findings.append(
        finding(
          "\(from.id) → \(to.id): \(flow.summary)\(flow.application.map { " (\($0))" } ?? "") is not declared by any "
            + "conduit", at: flow.seenAt.first ?? from.location, evidence: evidence.items, zones: [from.id, to.id],
          subject: subject))
    }
    return findings
  }
}
