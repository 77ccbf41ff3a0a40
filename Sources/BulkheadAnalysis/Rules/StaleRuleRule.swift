import BulkheadFirewall
import BulkheadModel

/// A permit nobody uses in the observation window, or a conduit past its review date.
public struct StaleRuleRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "stale-rule", title: "Permit unused in the observation window, or conduit past its review date",
    severity: .low, category: .segmentation,
    rationale:
      "Rules outlive the need that opened them (\"a firewall rule someone opened for a vendor in 2019 and "
      + "forgot\"). A permit that matched no traffic while its zones were observed, or a conduit nobody reviewed "
      + "by its date, is a candidate for removal. Absence of traffic is weaker evidence the shorter the window.",
    remediation:
      "Confirm with the owner and remove the rule, or record why it must stay (and extend the review date).",
    requirements: [.leastFunctionality, .networkConfigurationSettings])

  public static let examples: [RuleExample] = [
    .triggering(
      "an SQL permit nobody used while the DMZ was observed",
      files: ExamplePlant.files(
        extraRules: ["-A FORWARD -i eth-office -o eth-dmz -d 10.2.0.10/32 -p tcp -m tcp --dport 1433 -j ACCEPT"],
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443),
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 2]))),
      at: ["fw.rules:8"]),
    .triggering(
      "a permit for a decommissioned host, no captures",
      files: ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-dmz -s 10.1.0.5/32 -d 10.9.9.9/32 -p tcp -m tcp --dport 22 -j ACCEPT"
      ]),
      at: ["fw.rules:8"]),
    .triggering(
      "a conduit past its review date", files: ExamplePlant.files(reviewBy: "2025-01-31"), at: ["bulkhead.yaml:29:16"]),
    .nonTriggering(
      "every permit carried traffic",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443),
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 2])))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    var findings: [Finding] = []
    // Compared whole (file, line and text): rules of a JSON export share one location.
    let used = Set(context.traffic.flatMap(\.key.verdictRules))
    let weak = context.window.map { $0.duration < 7 * 86_400 ? " (weak evidence: a window shorter than a week)" : "" }
    for facts in context.firewallRules
    where facts.disposition == .permit && !facts.establishedOnly && !facts.hairpinOnly && !facts.isShadowed {
      guard !used.contains(facts.rule) else { continue }
      let orphan = Self.unmodelled(facts, in: context.plant)
      let unused = context.window != nil && (facts.packetCount ?? 0) == 0
      guard orphan != nil || unused else { continue }
      var evidence = EvidenceList()
      evidence.append(rules: [facts.rule])
      if let orphan {
        evidence.append(Evidence(.firewallRule, "in no zone and of no asset of the model: \(orphan)"))
      }
      if let window = context.window, let weak {
        evidence.append(
          Evidence(.observedFlow, "no observed flow matched it in \(window.durationText) of captures\(weak)"))
      }
      if let count = facts.packetCount { evidence.append(Evidence(.firewallRule, "exported hit counter: \(count)")) }
      let message: String
      if let orphan {
        // The stronger evidence: whatever the counters say, the rule serves nothing the model knows.
        message =
          "\(facts.rule.firewall) permit names addresses that match nothing in the model (\(orphan)): "
          + facts.rule.text
      } else {
        message =
          "\(facts.rule.firewall) permit matched no traffic in \(context.window?.durationText ?? "") of "
          + "observation\(weak ?? ""): " + facts.rule.text
      }
      findings.append(
        finding(
          message, at: facts.rule.location, evidence: evidence.items,
          subject: "rule \(facts.rule.identity)"))
    }
    for conduit in context.plant.conduits {
      guard let due = conduit.reviewBy, due < context.today else { continue }
      findings.append(
        finding(
          "conduit \(conduit.id) was due for review on \(due) (owner: \(conduit.owner ?? "none"))",
          at: conduit.locations.of("review_by"),
          evidence: [Evidence(.model, "conduit \(conduit.id)", at: conduit.location)],
          zones: conduit.zones, subject: "conduit \(conduit.id) review", severity: .medium))
    }
    return findings
  }

  /// The side of a permit whose named addresses overlap no zone network and no asset address (`destination
  /// 10.20.99.5/32`), nil when both sides touch the model (or match any address).
  static func unmodelled(_ facts: FirewallRuleFacts, in plant: Plant) -> String? {
    let networks = plant.zones.flatMap(\.networks)
    let hosts = plant.assets.flatMap(\.addresses)
    func touchesModel(_ range: AddressRange) -> Bool {
      networks.contains { network in
        network.family == range.family && network.first <= range.last && range.first <= network.last
      } || hosts.contains(where: range.contains)
    }
    var sides: [String] = []
    for (name, ranges) in [("source", facts.sources), ("destination", facts.destinations)] {
      guard let ranges, !ranges.isEmpty, !ranges.contains(where: touchesModel) else { continue }
      sides.append("\(name) " + ranges.map(\.description).joined(separator: ", "))
    }
    return sides.isEmpty ? nil : sides.joined(separator: "; ")
  }
}
