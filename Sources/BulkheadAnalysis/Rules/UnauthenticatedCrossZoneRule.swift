import BulkheadModel

/// An unauthenticated protocol carries traffic across a zone boundary into a zone of equal or higher SL-T: the
/// zero-trust gap ("stop trusting a device just because it is on the network").
public struct UnauthenticatedCrossZoneRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "unauthenticated-cross-zone", title: "Unauthenticated protocol crosses into an equal or higher-SL zone",
    severity: .medium, category: .segmentation,
    rationale:
      "Modbus/TCP, S7comm, DNP3 without Secure Authentication and OPC UA with SecurityMode None accept any "
      + "packet from any address that reaches them. Across a zone boundary that means the conduit's firewall is "
      + "the only control; authenticating traffic between zones removes the trust in a flat network.",
    remediation:
      "Use the protocol's authenticated form (OPC UA Sign/SignAndEncrypt, DNP3-SA, Modbus/TCP Security, S7 with "
      + "access protection) or terminate the flow in an authenticating proxy at the zone boundary; meanwhile "
      + "restrict the conduit to the named client hosts.",
    requirements: [.deviceAuthentication, .communicationIntegrity])

  public static let examples: [RuleExample] = [
    .triggering(
      "Modbus from the DMZ into the control zone",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow(
            "10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 3], authenticated: false,
            packet: 4))),
      at: ["captures/span.pcap:4"]),
    .nonTriggering(
      "authentication unknown (TLS) is not reported",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443)))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    var causes = TrafficCauses<String>()
    for group in context.traffic where group.key.crossesZones && group.answered && group.key.authenticated == false {
      let key = group.key
      guard key.verdict != .denied, let fromID = key.initiatorZone, let toID = key.responderZone,
        let from = context.plant.zone(id: fromID), let to = context.plant.zone(id: toID),
        to.securityLevelTarget.overall >= from.securityLevelTarget.overall
      else { continue }
      causes.add(group, to: "\(fromID)->\(toID) \(key.protocolName)")
    }
    return causes.all.compactMap { subject, traffic, flows in
      guard let first = traffic.first, let fromID = first.key.initiatorZone, let toID = first.key.responderZone,
        let from = context.plant.zone(id: fromID), let to = context.plant.zone(id: toID)
      else { return nil }
      var evidence = EvidenceList()
      evidence.append(flows: flows)
      let modes = Set(traffic.compactMap(\.key.securityMode)).sorted()
      let mode = modes.isEmpty ? "" : " (security mode \(modes.joined(separator: ", ")))"
      var result = finding(
        "\(first.key.protocolName)\(mode) crosses \(from.id) (SL-T \(from.securityLevelTarget.overall)) → \(to.id) "
          + "(SL-T \(to.securityLevelTarget.overall)) without authentication, \(FlowCountText.text(flows))",
        at: flows.sample.first?.seenAt.first ?? to.location, evidence: evidence.items, zones: [from.id, to.id],
        subject: subject)
      result.flows = flows
      return result
    }
  }
}
