import BulkheadModel

/// Observed operations outside what the conduit allows: a write on a read-only conduit, a program download, OPC UA
/// below the required security mode.
///
/// Discovery (device identification, endpoint listing) is taken as part of reading: every client identifies its
/// server before it reads, and a conduit that allows reading does not need to say so.
public struct ProtocolViolationRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "protocol-violation", title: "Observed protocol use outside the conduit's constraints", severity: .high,
    category: .segmentation,
    rationale:
      "A conduit that allows tcp/502 is not a control; one that allows the historian to read registers is. When "
      + "the traffic on a conduit writes, downloads logic or drops message security although the conduit does "
      + "not allow it, either a device is misconfigured or someone is using the conduit for something else.",
    remediation:
      "Find the client doing it. Enforce the constraint where the protocol allows (a protocol-aware firewall or "
      + "proxy, read-only mappings, OPC UA endpoints without SecurityMode None), or update the conduit if the "
      + "operation is legitimate.",
    requirements: [.communicationIntegrity, .leastFunctionality])

  public static let examples: [RuleExample] = [
    .triggering(
      "a Modbus write on a read-only conduit",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow(
            "10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 5, "write": 1],
            packet: 9))),
      at: ["captures/span.pcap:9"]),
    .triggering(
      "OPC UA without security on a sign-and-encrypt conduit",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow(
            "10.2.0.10", "10.3.0.10", port: 502, application: "opcua", operations: ["read": 5],
            securityMode: "None", packet: 4)),
        pollExtras: "operations: [read], security: sign-and-encrypt"),
      at: ["captures/span.pcap:4"]),
    .nonTriggering(
      "reads and device identification only",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow(
            "10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 5, "discovery": 1])))),
  ]

  public init() {}

  /// One cause: a declared conduit flow, the zone pair and the service its traffic used.
  private struct Cause: Hashable {
    var conduit: String
    var index: Int
    var from: String
    var to: String
    var service: ServiceSpan
  }

  public func findings(in context: AssessmentContext) -> [Finding] {
    var causes = TrafficCauses<Cause>()
    var problems: [Cause: [String]] = [:]
    for group in context.traffic {
      let key = group.key
      guard let conduitID = key.conduit, let index = key.conduitFlowIndex,
        let conduit = context.plant.conduit(id: conduitID), conduit.flows.indices.contains(index)
      else { continue }
      let declared = conduit.flows[index]
      var found: [String] = []
      for operation in OperationClass.declarable where key.carried(operation) && !Self.allows(declared, operation) {
        found.append(operation.rawValue)
      }
      if let required = declared.security, let mode = key.securityMode,
        let observed = SecurityModeName.requirement(mode), observed < required
      {
        found.append("security mode \(mode) below the required \(required.rawValue)")
      }
      guard !found.isEmpty else { continue }
      let cause = Cause(
        conduit: conduitID, index: index, from: key.initiatorZone ?? "?", to: key.responderZone ?? "?",
        service: key.service)
      causes.add(group, to: cause)
      for problem in found where !(problems[cause]?.contains(problem) ?? false) {
        problems[cause, default: []].append(problem)
      }
    }
    return causes.all.compactMap { cause, traffic, flows in
      guard let conduit = context.plant.conduit(id: cause.conduit) else { return nil }
      let declared = conduit.flows[cause.index]
      var evidence = EvidenceList()
      evidence.append(flows: flows)
      evidence.append(
        Evidence(.model, "conduit \(conduit.id) flow: \(declared.from) → \(declared.to)", at: declared.location))
      let counts = (problems[cause] ?? []).map { problem -> String in
        let total = flows.operations[problem] ?? 0
        return total > 0 ? "\(problem) ×\(total)" : problem
      }
      let applications = Set(traffic.compactMap(\.key.application)).sorted()
      let named = applications.isEmpty ? "" : " (\(applications.joined(separator: ", ")))"
      var result = finding(
        "conduit \(conduit.id): \(cause.from) → \(cause.to) \(cause.service)\(named) — "
          + counts.joined(separator: "; ") + " (\(FlowCountText.text(flows)))",
        at: flows.sample.first?.seenAt.first ?? declared.location, evidence: evidence.items,
        zones: [cause.from, cause.to],
        subject: "\(conduit.id)#\(cause.index) \(cause.from)->\(cause.to) \(cause.service)")
      result.flows = flows
      return result
    }
  }

  /// Whether the declared flow allows an operation; discovery comes with read.
  static func allows(_ flow: ConduitFlow, _ operation: OperationClass) -> Bool {
    flow.allows(operation) || (operation == .discovery && flow.allows(.read))
  }
}
