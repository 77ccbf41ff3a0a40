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

  /// One cause: a zone pair and a service no conduit declares.
  private struct Cause: Hashable {
    var from: String
    var to: String
    var service: ServiceSpan
  }

  public func findings(in context: AssessmentContext) -> [Finding] {
    var causes = TrafficCauses<Cause>()
    for group in context.traffic where group.key.crossesZones && group.answered && group.key.conduit == nil {
      let key = group.key
      guard key.verdict != .denied, let fromID = key.initiatorZone, let toID = key.responderZone,
        let from = context.plant.zone(id: fromID), let to = context.plant.zone(id: toID)
      else { continue }
      // Business-to-control traffic is reported (with these flows as evidence) as a DMZ bypass.
      if from.purdue.isEnterprise && to.purdue.isControl { continue }
      causes.add(group, to: Cause(from: fromID, to: toID, service: key.service))
    }
    return causes.all.map { cause, traffic, flows in
      var evidence = EvidenceList()
      evidence.append(flows: flows)
      var rules: [FirewallRuleReference] = []
      for group in traffic { for rule in group.key.verdictRules where !rules.contains(rule) { rules.append(rule) } }
      evidence.append(rules: rules)
      let applications = Set(traffic.compactMap(\.key.application)).sorted()
      let named = applications.isEmpty ? "" : " (\(applications.joined(separator: ", ")))"
      var result = finding(
        "\(cause.from) → \(cause.to): \(cause.service)\(named) is not declared by any conduit — "
          + FlowCountText.text(flows),
        at: flows.sample.first?.seenAt.first ?? context.plant.zone(id: cause.from)?.location
          ?? SourceLocation(file: context.plant.modelFile),
        evidence: evidence.items, zones: [cause.from, cause.to],
        subject: "\(cause.from)->\(cause.to) \(cause.service)")
      result.flows = flows
      return result
    }
  }
}
