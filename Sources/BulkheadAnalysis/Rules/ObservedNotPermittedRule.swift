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

  /// One cause: the zone pair, the service and the rules that should have dropped it.
  private struct Cause: Hashable {
    var from: String
    var to: String
    var service: ServiceSpan
    var rules: [FirewallRuleReference]
  }

  public func findings(in context: AssessmentContext) -> [Finding] {
    var causes = TrafficCauses<Cause>()
    for group in context.traffic where group.answered && group.key.verdict == .denied {
      let key = group.key
      causes.add(
        group,
        to: Cause(
          from: key.initiatorZone ?? "?", to: key.responderZone ?? "?", service: key.service,
          rules: key.verdictRules))
    }
    return causes.all.map { cause, traffic, flows in
      var evidence = EvidenceList()
      evidence.append(rules: cause.rules)
      evidence.append(flows: flows)
      let applications = Set(traffic.compactMap(\.key.application)).sorted()
      let named = applications.isEmpty ? "" : " (\(applications.joined(separator: ", ")))"
      let firewalls = Set(cause.rules.map(\.firewall)).sorted()
      let droppers = firewalls.joined(separator: " and ") + (firewalls.count == 1 ? " drops it" : " drop it")
      var result = finding(
        "\(cause.from) → \(cause.to): \(cause.service)\(named) was answered although \(droppers) — "
          + FlowCountText.text(flows),
        at: flows.sample.first?.seenAt.first ?? SourceLocation(file: context.plant.modelFile),
        evidence: evidence.items, zones: [cause.from, cause.to],
        subject: "\(cause.from)->\(cause.to) \(cause.service) denied by "
          + cause.rules.map(\.identity).joined(separator: "; "))
      result.flows = flows
      return result
    }
  }
}
