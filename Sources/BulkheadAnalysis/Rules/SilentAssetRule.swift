import BulkheadModel

/// A modelled asset that never appeared while its zone was observed.
public struct SilentAssetRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "silent-asset", title: "Modelled asset never seen while its zone was observed", severity: .low,
    category: .visibility,
    rationale:
      "An inventory entry that never shows up in traffic is either decommissioned (the model is stale), powered "
      + "off, or talks only inside its zone where no capture point sees it (a monitoring gap).",
    remediation:
      "Check the device. Remove it from the model if it is gone; otherwise add a capture point (SPAN) that sees "
      + "its traffic.",
    requirements: [.componentInventory, .auditableEvents])

  public static let examples: [RuleExample] = [
    .triggering(
      "the PLC never talks",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443))),
      at: ["bulkhead.yaml:9:5"]),
    .nonTriggering(
      "everyone talks",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(
          ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443),
          ExamplePlant.flow("10.2.0.10", "10.3.0.10", port: 502, application: "modbus", operations: ["read": 1])))),
  ]

  public init() {}

  public func findings(in context: AssessmentContext) -> [Finding] {
    guard let window = context.window else { return [] }
    let seen = Set(context.seenHosts.map(\.address))
    return context.plant.assets.compactMap { asset in
      guard !asset.addresses.isEmpty, context.isObserved(zone: asset.zone),
        !asset.addresses.contains(where: seen.contains)
      else { return nil }
      return finding(
        "\(asset.id) (\(asset.addresses.map(\.description).joined(separator: ", "))) was not seen in "
          + "\(window.durationText) of captures of zone \(asset.zone)", at: asset.location,
        evidence: [Evidence(.model, "asset \(asset.id)", at: asset.location)], zones: [asset.zone],
        subject: "asset \(asset.id)")
    }
  }
}
