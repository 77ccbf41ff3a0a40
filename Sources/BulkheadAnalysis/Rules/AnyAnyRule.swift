import BulkheadModel

/// A permit that names no service and no source or no destination: any/any.
public struct AnyAnyRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "any-any", title: "Overly broad permit (any source, destination or service)", severity: .high,
    category: .segmentation,
    rationale:
      "A conduit should open only what the process requires. A permit for any service between whole interfaces or "
      + "from any address turns the conduit into a flat network segment; it is usually a commissioning shortcut "
      + "that was never tightened.",
    remediation:
      "Replace the rule with permits for the declared flows: named source and destination hosts and the "
      + "services the conduit lists.",
    requirements: [.zoneBoundaryProtection, .leastFunctionality])

  public static let examples: [RuleExample] = [
    .triggering(
      "commissioning permit between two interfaces",
      files: ExamplePlant.files(extraRules: ["-A FORWARD -i eth-dmz -o eth-ctl -j ACCEPT"]), at: ["fw.rules:8"]),
    .nonTriggering("every permit names hosts and a service", files: ExamplePlant.files()),
    // A permit whose packets all leave by the interface they came in by joins no two zones (PAN-OS's implicit
    // intrazone-default allow on a zone of one interface); the same permit across two interfaces is exposure.
    .nonTriggering(
      "permit back out of the interface it came in by",
      files: ExamplePlant.files(extraRules: ["-A FORWARD -i eth-dmz -o eth-dmz -j ACCEPT"])),
    .triggering(
      "permit within one interface or across two",
      files: ExamplePlant.files(extraRules: ["-A FORWARD -i eth-dmz -o eth-dmz+ -j ACCEPT"]), at: ["fw.rules:8"]),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.firewallRules.compactMap { facts in
      guard facts.disposition == .permit, !facts.establishedOnly, !facts.hairpinOnly, !facts.isShadowed,
        facts.anyService,
        facts.anySource || facts.anyDestination
      else { return nil }
      let what =
        facts.anySource && facts.anyDestination
        ? "any source to any destination, any service"
        : facts.anySource ? "any source, any service" : "any destination, any service"
      return finding(
        "\(facts.rule.firewall) permits \(what): \(facts.rule.text)", at: facts.rule.location,
        evidence: [Evidence(.firewallRule, facts.rule.text, at: facts.rule.location)],
        subject: "rule \(facts.rule.identity)",
        severity: facts.anySource && facts.anyDestination ? .high : .medium)
    }
  }
}
