import BulkheadModel

/// Observed operations outside what the conduit allows: a write on a read-only conduit, a program download, OPC UA
/// below the required security mode.
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
    .nonTriggering(
      "reads only",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 5])))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    var findings: [Finding] = []
    for flow in context.observedFlows {
      guard let conduitID = flow.conduit, let index = flow.conduitFlowIndex,
        let conduit = context.plant.conduit(id: conduitID), conduit.flows.indices.contains(index)
      else { continue }
      let declared = conduit.flows[index]
      var problems: [String] = []
      for operation in FlowOperation.allCases where flow.carried(operation) && !declared.allows(operation) {
        problems.append("\(operation.rawValue) ×\(flow.operations[operation.rawValue] ?? 0)")
      }
      if let required = declared.security, let mode = flow.securityMode,
        let observed = SecurityModeName.requirement(mode), observed < required
      {
        problems.append("security mode \(mode) below the required \(required.rawValue)")
      }
      guard !problems.isEmpty else { continue }
      var evidence = EvidenceList()
      evidence.append(flow: flow)
      evidence.append(
        Evidence(.model, "conduit \(conduit.id) flow: \(declared.from) → \(declared.to)", at: declared.location))
      let location =
        flow.firstWritePacket.flatMap { packet in flow.seenAt.first.map { SourceLocation(file: $0.file, line: packet) }
        }
        ?? flow.seenAt.first ?? declared.location
      findings.append(
        finding(
          "conduit \(conduit.id): \(flow.summary)\(flow.application.map { " (\($0))" } ?? "") — "
            + problems.joined(separator: "; "), at: location, evidence: evidence.items,
          zones: [flow.initiatorZone ?? "?", flow.responderZone ?? "?"],
          subject: "\(conduit.id) \(flow.initiator)->\(flow.responder) \(flow.span)"))
    }
    return findings
  }
}
