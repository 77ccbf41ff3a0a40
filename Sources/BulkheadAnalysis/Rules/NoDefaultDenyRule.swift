import BulkheadModel

/// An enforcement point of a conduit that forwards what no rule names.
public struct NoDefaultDenyRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "no-default-deny", title: "Conduit enforcement point without default deny", severity: .high,
    category: .segmentation,
    rationale:
      "\"Default to deny on every conduit and open only what the process requires.\" A firewall whose forwarding "
      + "default accepts lets every new service through the moment it appears on a host.",
    remediation:
      "Set the forward chain policy to drop (or end it with a catch-all drop) and permit the declared flows.",
    requirements: [.zoneBoundaryProtection, .leastFunctionality])

  public static let examples: [RuleExample] = [
    .triggering("forward policy accept", files: ExamplePlant.files(policy: "ACCEPT"), at: ["fw.rules:3"]),
    .nonTriggering("forward policy drop", files: ExamplePlant.files()),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.enforcementPoints.compactMap { point in
      guard point.parsed, !point.defaultDeny else { return nil }
      let conduits = context.plant.conduits.filter { $0.enforcedBy.contains(point.id) }.map(\.id)
      guard !conduits.isEmpty else { return nil }
      return finding(
        "\(point.id) forwards packets no rule names (no default deny); it enforces \(conduits.joined(separator: ", "))",
        at: point.defaultLocation ?? point.location,
        evidence: [Evidence(.model, "enforcement point \(point.id)", at: point.location)],
        subject: "enforcement point \(point.id)")
    }
  }
}
