import BulkheadModel

/// A declared flow the firewalls do not let through: the model says something the network does not do.
public struct DeclaredButBlockedRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "declared-but-blocked", title: "Declared conduit flow is blocked by the firewalls", severity: .medium,
    category: .documentation,
    rationale:
      "A conduit register that lists flows the firewalls drop is not a description of the plant; reviewers then "
      + "trust a document that is wrong, and the next change is made against the wrong baseline.",
    remediation:
      "Either remove the flow from the conduit (it is not needed) or add the permit to the enforcement points "
      + "named in `enforced_by`.",
    requirements: [.zoneBoundaryProtection, .networkConfigurationSettings])

  public static let examples: [RuleExample] = [
    .triggering(
      "the modbus permit is missing",
      files: ExamplePlant.files().merging(
        ["fw.rules": ExamplePlant.files()["fw.rules", default: ""].replacingFirstLine(containing: "--dport 502")]
      ) { $1 },
      at: ["bulkhead.yaml:25:13"]),
    .nonTriggering("both conduits are permitted", files: ExamplePlant.files()),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.zonePairs.flatMap { record in
      record.declared.compactMap { declared in
        guard declared.coverage == .blocked || declared.coverage == .partial else { return nil }
        var evidence = EvidenceList()
        if let witness = declared.blockedWitness {
          evidence.append(Evidence(.witnessPacket, "dropped: \(witness)"))
        }
        evidence.append(rules: declared.blockingRules)
        let how = declared.coverage == .blocked ? "is blocked" : "is only partly allowed"
        return finding(
          "conduit \(declared.conduit): \(declared.summary) \(how) by the firewalls on the path", at: declared.location,
          evidence: evidence.items, zones: [declared.fromZone, declared.toZone],
          subject: "\(declared.conduit)#\(declared.flowIndex)")
      }
    }
  }
}

extension String {
  /// Drops the first line containing `needle` (used by examples to remove one firewall rule).
  func replacingFirstLine(containing needle: String) -> String {
    var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if let index = lines.firstIndex(where: { $0.contains(needle) }) { lines.remove(at: index) }
    return lines.joined(separator: "\n")
  }
}
