import BulkheadModel

/// A path from the business side (Purdue 4–5) straight into control (Purdue 0–2): the DMZ exists to prevent it.
public struct DMZBypassRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "dmz-bypass", title: "Business network reaches control systems without terminating in the DMZ",
    severity: .critical, category: .segmentation,
    rationale:
      "IEC 62443 zoning puts an OT DMZ between business (Purdue 4–5) and control (Purdue 0–2) networks so that no "
      + "connection crosses both boundaries in one hop: data crosses through brokers and historians the plant "
      + "controls. A permit or a flow from level 4–5 directly to level 0–2 lets one compromised office host reach "
      + "the process.",
    remediation:
      "Remove the permit (typically a forgotten vendor or commissioning rule). If the business need is real, "
      + "terminate it in the DMZ: a historian replica, a broker, or a jump host with authentication, and declare "
      + "that conduit in the model.",
    requirements: [.networkSegmentation, .zoneBoundaryProtection])

  public static let examples: [RuleExample] = [
    .triggering(
      "vendor rule straight from the office to the PLC",
      files: ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-ctl -s 10.1.0.99/32 -d 10.3.0.10/32 -p tcp -m tcp --dport 502 -j ACCEPT"
      ]),
      at: ["fw.rules:8"]),
    .nonTriggering("office reaches only the DMZ", files: ExamplePlant.files()),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.zonePairs.compactMap { record in
      guard let from = context.plant.zone(id: record.from), let to = context.plant.zone(id: record.to),
        from.purdue.isEnterprise, to.purdue.isControl
      else { return nil }
      let answered = FlowAggregate.sum(record.observed.filter(\.answered).map(\.flows))
      guard !record.permitted.isEmpty || !answered.isEmpty else { return nil }
      var evidence = EvidenceList()
      for service in record.permitted {
        evidence.append(Evidence(.witnessPacket, "\(service.service) allowed, e.g. \(service.witness)"))
        evidence.append(rules: service.rules)
      }
      evidence.append(flows: answered)
      let services = record.permitted.map(\.service)
      var message = "\(from.id) (Purdue \(from.purdue)) reaches \(to.id) (Purdue \(to.purdue)) directly"
      if !services.isEmpty { message += " on " + ServiceList.text(services) }
      if !answered.isEmpty { message += "; \(FlowCountText.text(answered)) observed" }
      message += " — the path does not terminate in a DMZ"
      let location =
        record.permitted.first?.rules.first?.location ?? answered.sample.first?.seenAt.first ?? from.location
      var result = finding(
        message, at: location, evidence: evidence.items, zones: [from.id, to.id], subject: "\(from.id)->\(to.id)")
      result.flows = answered.isEmpty ? nil : answered
      return result
    }
  }
}
