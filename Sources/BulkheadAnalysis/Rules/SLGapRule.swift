import BulkheadModel
import Foundation

/// Per zone and foundational requirement, the security level the network evidence supports (SL-A) against the
/// target (SL-T).
///
/// Derivation (conservative: evidence can only lower SL-A; what the network cannot show is not credited):
/// - FR5 restricted data flow: 0 if the zone is reachable straight from Purdue 4–5 or an enforcement point in front
///   of it lacks default deny; 1 if the firewalls permit undeclared services into it or traffic into it no conduit
///   explains was observed; 2 if every permit into it is declared; 3 if additionally every conduit into it names an
///   operation constraint, a proxy or a unidirectional gateway. Level 4 is never credited from configs alone.
/// - FR1 identification and authentication, FR3 system integrity: 0 if an unauthenticated protocol was observed
///   entering the zone from another zone (FR3: only when it carried writes, programming or control).
/// - FR4 data confidentiality: 0 if cleartext traffic was observed entering the zone from another zone.
/// FR1/FR3/FR4 without negative evidence, and FR2, FR6, FR7, are not assessed (no finding).
public struct SLGapRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "sl-gap", title: "Achieved security level (SL-A) below target (SL-T)", severity: .medium,
    category: .documentation,
    rationale:
      "IEC 62443-3-3 sets per-zone targets for each foundational requirement. The network evidence (permits, "
      + "observed protocols) bounds what a zone can have achieved; where that bound is below the target the zone "
      + "does not meet its SL-T whatever the documents say.",
    remediation:
      "Close the segmentation and authentication findings for the zone; the SL-A derivation in the binder lists "
      + "which evidence caps each requirement.",
    requirements: [.networkSegmentation, .deviceAuthentication, .communicationIntegrity, .informationConfidentiality])

  public static let examples: [RuleExample] = [
    .triggering(
      "the control zone is reachable from the office",
      files: ExamplePlant.files(extraRules: [
        "-A FORWARD -i eth-office -o eth-ctl -d 10.3.0.10/32 -p tcp -m tcp --dport 502 -j ACCEPT"
      ]),
      at: ["bulkhead.yaml:5:41"]),
    .nonTriggering(
      "declared permits only, FR5 target 2",
      files: ExamplePlant.files().mapValues {
        $0.replacingOccurrences(
          of: "{id: control, purdue: 1, sl_target: 3", with: "{id: control, purdue: 1, sl_target: 2")
      }),
  ]

  public init() {}

  /// SL-A per foundational requirement for `zone`, with the reason for each cap; nil where not assessed.
  public static func achieved(zone: Zone, in context: AssessmentContext) -> [FoundationalRequirement: (Int, String)] {
    var result: [FoundationalRequirement: (Int, String)] = [:]
    let inbound = context.zonePairs.filter { $0.to == zone.id }
    let flowsIn = context.traffic.map(\.key).filter {
      $0.responderZone == zone.id && $0.crossesZones && $0.answered && $0.verdict != .denied
    }
    // FR5
    let guards = context.enforcementPoints.filter { point in
      context.plant.enforcementPoint(id: point.id)?.interfaces(facing: zone.id).isEmpty == false
    }
    if inbound.contains(where: { record in
      (context.plant.zone(id: record.from)?.purdue.isEnterprise ?? false) && zone.purdue.isControl
        && (!record.permitted.isEmpty || record.observed.contains(where: \.answered))
    }) {
      result[.restrictedDataFlow] = (0, "reachable directly from Purdue 4–5")
    } else if let open = guards.first(where: { $0.parsed && !$0.defaultDeny }) {
      result[.restrictedDataFlow] = (0, "\(open.id) has no default deny")
    } else if inbound.contains(where: { !$0.undeclared.isEmpty }) {
      result[.restrictedDataFlow] = (1, "undeclared services are permitted into the zone")
    } else if flowsIn.contains(where: { $0.conduit == nil }) {
      result[.restrictedDataFlow] = (1, "traffic no conduit explains enters the zone")
    } else {
      let conduitsIn = context.plant.conduits.filter { $0.joins(zone.id) }
      let constrained = conduitsIn.allSatisfy { conduit in
        conduit.controls.unidirectional || conduit.controls.proxy != nil
          || conduit.flows.allSatisfy { !$0.operations.isEmpty }
      }
      result[.restrictedDataFlow] =
        constrained
        ? (3, "every permit is declared and every conduit constrains operations or uses a proxy/gateway")
        : (2, "every permit into the zone is declared")
    }
    if let flow = flowsIn.first(where: { $0.authenticated == false }) {
      result[.identificationAndAuthentication] = (
        0, "unauthenticated \(flow.protocolName) enters from \(flow.initiatorZone ?? "?")"
      )
    }
    if let flow = flowsIn.first(where: {
      $0.authenticated == false && ($0.carried(.write) || $0.carried(.program) || $0.carried(.control))
    }) {
      result[.systemIntegrity] = (
        0, "unauthenticated writes/programming enter from \(flow.initiatorZone ?? "?") (\(flow.label))"
      )
    }
    if let flow = flowsIn.first(where: { $0.encrypted == false }) {
      result[.dataConfidentiality] = (
        0, "cleartext \(flow.protocolName) enters from \(flow.initiatorZone ?? "?")"
      )
    }
    return result
  }

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.plant.zones.compactMap { zone in
      let achieved = Self.achieved(zone: zone, in: context)
      let gaps = FoundationalRequirement.allCases.compactMap { fr -> String? in
        guard let (level, reason) = achieved[fr] else { return nil }
        let target = zone.securityLevelTarget.level(for: fr)
        return level < target ? "\(fr.key) SL-A \(level) < SL-T \(target) (\(reason))" : nil
      }
      guard !gaps.isEmpty else { return nil }
      return finding(
        "zone \(zone.id): " + gaps.joined(separator: "; "), at: zone.locations.of("sl_target"),
        evidence: [Evidence(.model, "zone \(zone.id) SL-T \(zone.securityLevelTarget)", at: zone.location)],
        zones: [zone.id], subject: "zone \(zone.id)")
    }
  }
}
