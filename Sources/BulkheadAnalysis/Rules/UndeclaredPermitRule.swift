import BulkheadModel

/// The firewalls let through more than any conduit declares between two zones.
public struct UndeclaredPermitRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "undeclared-permit", title: "Firewall permits traffic no conduit declares", severity: .high,
    category: .segmentation,
    rationale:
      "Each conduit should open only what the process requires (default deny, least functionality). Everything a "
      + "firewall allows beyond the declared flows is attack surface nobody owns or justified.",
    remediation:
      "Narrow or remove the permitting rules so the allowed services equal the declared flows, or declare the "
      + "flow in a conduit with an owner and justification if it is needed.",
    requirements: [.zoneBoundaryProtection, .leastFunctionality])

  public static let examples: [RuleExample] = [
    .triggering(
      "an extra SQL port into the DMZ",
      files: ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-dmz -d 10.2.0.10/32 -p tcp -m tcp --dport 1433 -j ACCEPT"
      ]),
      at: ["fw.rules:8"]),
    .nonTriggering("permits equal the conduits", files: ExamplePlant.files()),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.zonePairs.compactMap { record in
      guard !record.undeclared.isEmpty, let from = context.plant.zone(id: record.from),
        let to = context.plant.zone(id: record.to)
      else { return nil }
      // A business-to-control permit is a DMZ bypass; that rule reports it with the same evidence.
      if from.purdue.isEnterprise && to.purdue.isControl { return nil }
      var evidence = EvidenceList()
      for service in record.undeclared {
        evidence.append(Evidence(.witnessPacket, "\(service.service) allowed, e.g. \(service.witness)"))
        evidence.append(rules: service.rules)
      }
      let services = record.undeclared.map(\.service)
      let declared = record.declared.isEmpty ? "no conduit declares any flow" : "beyond the declared flows"
      let location = record.undeclared.first?.rules.first?.location ?? from.location
      return finding(
        "\(from.id) → \(to.id) allows \(ServiceList.text(services)) — \(declared)", at: location,
        evidence: evidence.items, zones: [from.id, to.id], subject: "\(from.id)->\(to.id)")
    }
  }
}
