import BulkheadModel

/// Traffic was answered that the firewalls on its path should have dropped: a bypass route, a dual-homed host, or a
/// capture point in the wrong place.
public struct ObservedNotPermittedRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "observed-not-permitted", title: "Traffic observed that the firewalls should drop", severity: .critical,
    category: .segmentation,
    rationale:
      "If a connection the firewall configs deny is nevertheless answered, the firewall is not the only path "
      + "between the zones (a bypass link, a dual-homed host, a VPN), or the config on the device is not the one "
      + "reviewed. Either way the segmentation on paper is not the segmentation in the plant.",
    remediation:
      "Trace the physical and logical path of the flow (switch ports, routes, dual-homed hosts) and remove the "
      + "bypass; check that the exported config is the one running on the device.",
    requirements: [.networkSegmentation, .zoneBoundaryProtection])

  public static let examples: [RuleExample] = [
    .triggering(
      "the PLC answers the office although the firewall drops it",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.5", "10.3.0.10", port: 502, packet: 3))),
      at: ["captures/span.pcap:3"]),
    .nonTriggering(
      "a dropped attempt is never answered",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.1.0.5", "10.3.0.10", port: 502, answered: false)))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    var seen: Set<String> = []
    return context.observedFlows.compactMap { flow in
      guard flow.answered, flow.verdict == .denied else { return nil }
      let subject = "\(flow.initiator)->\(flow.responder) \(flow.span)"
      guard seen.insert(subject).inserted else { return nil }
      var evidence = EvidenceList()
      evidence.append(flow: flow)
      evidence.append(rules: flow.verdictRules)
      let zones = [flow.initiatorZone ?? "?", flow.responderZone ?? "?"]
      return finding(
        "\(flow.summary) was answered although the firewalls on the path drop it",
        at: flow.seenAt.first
          ?? SourceLocation(file: context.plant.modelFile), evidence: evidence.items, zones: zones, subject: subject)
    }
  }
}
