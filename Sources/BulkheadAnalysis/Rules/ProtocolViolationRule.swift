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

  public func findings(in context: AssessmentContext) -> [Finding] {
    var groups: [String: (conduit: Conduit, declared: ConduitFlow, flows: [ObservedFlowFacts], problems: [String])] =
      [:]
    var order: [String] = []
    for flow in context.observedFlows {
      guard let conduitID = flow.conduit, let index = flow.conduitFlowIndex,
        let conduit = context.plant.conduit(id: conduitID), conduit.flows.indices.contains(index)
      else { continue }
      let declared = conduit.flows[index]
      var problems: [String] = []
      for operation in OperationClass.declarable where flow.carried(operation) && !Self.allows(declared, operation) {
        problems.append(operation.rawValue)
      }
      if let required = declared.security, let mode = flow.securityMode,
        let observed = SecurityModeName.requirement(mode), observed < required
      {
        problems.append("security mode \(mode) below the required \(required.rawValue)")
      }
      guard !problems.isEmpty else { continue }
      let key = "\(conduit.id) \(flow.initiator)->\(flow.responder) \(flow.span)"
      if groups[key] == nil {
        order.append(key)
        groups[key] = (conduit, declared, [], [])
      }
      groups[key]?.flows.append(flow)
      for problem in problems where !(groups[key]?.problems.contains(problem) ?? true) {
        groups[key]?.problems.append(problem)
      }
    }
    return order.compactMap { key in
      guard let group = groups[key], let first = group.flows.first else { return nil }
      var evidence = EvidenceList()
      for flow in group.flows { evidence.append(flow: flow) }
      evidence.append(
        Evidence(
          .model, "conduit \(group.conduit.id) flow: \(group.declared.from) → \(group.declared.to)",
          at: group.declared.location))
      let counts = group.problems.map { problem -> String in
        let total = group.flows.reduce(0) { $0 + ($1.operations[problem] ?? 0) }
        return total > 0 ? "\(problem) ×\(total)" : problem
      }
      return finding(
        "conduit \(group.conduit.id): \(first.summary)\(first.application.map { " (\($0))" } ?? "") — "
          + counts.joined(separator: "; ") + (group.flows.count > 1 ? " (\(group.flows.count) connections)" : ""),
        at: first.seenAt.first ?? group.declared.location, evidence: evidence.items,
        zones: [first.initiatorZone ?? "?", first.responderZone ?? "?"], subject: key)
    }
  }

  /// Whether the declared flow allows an operation; discovery comes with read.
  static func allows(_ flow: ConduitFlow, _ operation: OperationClass) -> Bool {
    flow.allows(operation) || (operation == .discovery && flow.allows(.read))
  }
}
