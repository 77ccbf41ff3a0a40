import BulkheadModel

/// A rule no packet can reach: earlier rules decide everything it matches.
public struct ShadowedRuleRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "shadowed-rule", title: "Shadowed (unreachable) firewall rule", severity: .low, category: .segmentation,
    rationale:
      "A rule that earlier rules fully cover never decides a packet. A shadowed permit is dead configuration that "
      + "misleads reviewers; a shadowed deny is worse: the block someone intended does not happen.",
    remediation:
      "Delete the rule, or move it above the rule that shadows it if its verdict was intended.",
    requirements: [.networkConfigurationSettings])

  public static let examples: [RuleExample] = [
    .triggering(
      "a narrower permit after a broader one",
      files: ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-dmz -s 10.1.0.5/32 -d 10.2.0.10/32 -p tcp -m tcp --dport 443 -j ACCEPT"
      ]),
      at: ["fw.rules:8"]),
    .nonTriggering("no overlap", files: ExamplePlant.files()),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.firewallRules.compactMap { facts in
      guard facts.isShadowed, facts.disposition != .other else { return nil }
      let isDeny = facts.disposition == .deny
      return finding(
        "\(facts.rule.firewall) \(isDeny ? "deny" : "permit") can never match first: \(facts.rule.text)",
        at: facts.rule.location, evidence: [Evidence(.firewallRule, facts.rule.text, at: facts.rule.location)],
        subject: "rule \(facts.rule.identity)", severity: isDeny ? .medium : .low)
    }
  }
}
