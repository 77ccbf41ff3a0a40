import BulkheadModel

/// Connection attempts the firewalls dropped: the segmentation held, and someone is trying.
public struct DroppedAttemptRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "dropped-attempt", title: "Connection attempts the firewalls dropped", severity: .low, category: .visibility,
    rationale:
      "A conduit that drops what it should is working; the attempts it drops are still news. An office host that "
      + "keeps trying to open S7 or Modbus to a PLC is a misconfigured client, a user looking for a way in, or the "
      + "first step of an attack, and the firewall log that shows it is rarely read. Seen in the captures (SYNs "
      + "never answered, or an NFLOG capture of the drops), the attempts name the host and the service.",
    remediation:
      "Find the initiating hosts and why they try (a stale configuration, a script, a person); remove the cause or "
      + "declare the flow if it is needed. Keep the drop, and alert on new attempts at the zone boundary.",
    requirements: [.continuousMonitoring, .zoneBoundaryProtection])

  public static let examples: [RuleExample] = [
    .triggering(
      "the office tries Modbus to the PLC and the firewall drops it",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.1.0.5", "10.3.0.10", port: 502, answered: false, packet: 5))),
      at: ["captures/span.pcap:5"]),
    .nonTriggering(
      "an attempt the firewall lets through that the PLC never answers",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 502, answered: false)))),
  ]

  /// One cause: who tried (the source zone) and what (the target zone and service).
  private struct Cause: Hashable {
    var from: String
    var to: String
    var service: ServiceSpan
  }

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    var causes = TrafficCauses<Cause>()
    for group in context.traffic where !group.answered && group.key.verdict == .denied && group.key.crossesZones {
      guard let from = group.key.initiatorZone, let to = group.key.responderZone else { continue }
      causes.add(group, to: Cause(from: from, to: to, service: group.key.service))
    }
    return causes.all.map { cause, traffic, flows in
      var rules: [FirewallRuleReference] = []
      for group in traffic { for rule in group.key.verdictRules where !rules.contains(rule) { rules.append(rule) } }
      var evidence = EvidenceList()
      evidence.append(flows: flows)
      evidence.append(rules: rules)
      let attempts = flows.flows == 1 ? "1 attempt" : "\(flows.flows) attempts"
      let sources = FlowCountText.hosts(flows.initiators.count)
      let targets = FlowCountText.hosts(flows.responders.count)
      // Reaching up into a zone with a higher target is what an attacker does; sideways or down is noted only.
      let fromLevel = context.plant.zone(id: cause.from)?.securityLevelTarget.overall ?? 0
      let toLevel = context.plant.zone(id: cause.to)?.securityLevelTarget.overall ?? 0
      let droppers = Set(rules.map(\.firewall)).sorted().joined(separator: ", ")
      var result = finding(
        "\(cause.from) → \(cause.to): \(attempts) on \(cause.service) from \(sources) to \(targets) "
          + (flows.flows == 1 ? "was dropped" : "were dropped")
          + (droppers.isEmpty ? "" : " by \(droppers)"),
        at: flows.sample.first?.seenAt.first ?? SourceLocation(file: context.plant.modelFile),
        evidence: evidence.items, zones: [cause.from, cause.to],
        subject: "\(cause.from)->\(cause.to) \(cause.service) dropped", severity: toLevel > fromLevel ? .low : .info)
      result.flows = flows
      return result
    }
  }
}
