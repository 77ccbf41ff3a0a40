import BulkheadModel

/// A host talks on the network but is not in the model: proposed as an addition, never written silently.
public struct UnknownAssetRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "unknown-asset", title: "Host seen in traffic but not in the model", severity: .medium,
    category: .visibility,
    rationale:
      "You cannot defend what you cannot see. A host on a plant network that the inventory does not know is a "
      + "contractor laptop, a forgotten device or an intruder; each needs an owner and a zone.",
    remediation:
      "Identify the host (MAC vendor, services). Add it to the model in the proposed zone, or remove it from the "
      + "network.",
    requirements: [.componentInventory])

  public static let examples: [RuleExample] = [
    .triggering(
      "a laptop in the office talks to the historian",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.77", "10.2.0.10", port: 443, packet: 2))),
      at: ["captures/span.pcap:2"]),
    .nonTriggering(
      "only modelled hosts",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443)))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    context.seenHosts.compactMap { host in
      guard context.plant.asset(at: host.address) == nil, HostAddress.isUnicastHost(host.address) else { return nil }
      let zone = context.plant.zone(containing: host.address)
      var message = "\(host.address) is seen in traffic but not in the model"
      message += zone.map { "; proposed: an asset in zone \($0.id)" } ?? "; it lies in no zone's networks"
      var evidence: [Evidence] = []
      if !host.macs.isEmpty {
        let vendor = host.vendor.map { " (\($0))" } ?? ""
        evidence.append(Evidence(.observedFlow, "MAC \(host.macs.map(\.description).joined(separator: ", "))\(vendor)"))
      }
      if !host.uses.isEmpty {
        evidence.append(Evidence(.observedFlow, "client of \(host.uses.joined(separator: ", "))"))
      }
      if !host.serves.isEmpty {
        evidence.append(Evidence(.observedFlow, "serves \(host.serves.joined(separator: ", "))"))
      }
      return finding(
        message, at: host.seenAt ?? SourceLocation(file: context.plant.modelFile), evidence: evidence,
        zones: zone.map { [$0.id] } ?? [], subject: "host \(host.address)")
    }
  }
}
