import BulkheadAnalysis
import BulkheadModel

extension BinderDocument {
  // MARK: Zone register

  func zoneRegister() -> [BinderBlock] {
    var blocks: [BinderBlock] = [
      .heading(level: 2, text: "Zone register", anchor: "zones"),
      .paragraph([
        .text(
          "Each zone with its purpose, Purdue level, target security level (SL-T, from the model) against the "
            + "level the evidence supports (SL-A, per foundational requirement of IEC 62443-3-3) and its assets.")
      ]),
    ]
    for zone in plant.zones {
      var facts = [
        BinderFact("Purpose", Self.optional(zone.description)),
        BinderFact("Purdue level", zone.purdue.description),
        BinderFact("Networks", zone.networks.map { BinderInline.code($0.description) }.interleaved(", ")),
        BinderFact("SL-T", zone.securityLevelTarget.description),
        BinderFact(
          "Conduits",
          plant.conduits(touching: zone.id).map { BinderInline.link($0.id, anchor: BinderAnchor.conduit($0.id)) }
            .interleaved(", ", empty: "none")),
        BinderFact("Declared at", [.code(zone.location.description)]),
      ]
      if let window = result.window {
        facts.append(BinderFact("Watched by a capture", window.observedZones.contains(zone.id) ? "yes" : "no"))
      }
      blocks += [
        .heading(level: 3, text: "\(zone.name) (\(zone.id))", anchor: BinderAnchor.zone(zone.id)), .facts(facts),
      ]
      blocks.append(
        .table(
          header: ["FR", "SL-T", "SL-A", "what caps SL-A"],
          rows: FoundationalRequirement.allCases.map { requirement in
            let target = zone.securityLevelTarget.level(for: requirement)
            let achieved = result.achievedLevels.first { $0.zone == zone.id && $0.requirement == requirement.key }
            let level: BinderInline =
              achieved.map { entry in
                entry.achieved < entry.target
                  ? .badge("\(entry.achieved) (below SL-T)", tone: "gap") : .badge("\(entry.achieved)", tone: "met")
              } ?? .text("no evidence")
            return [
              [.text("\(requirement.key) \(requirement.abbreviation)")], [.text("\(target)")], [level],
              Self.optional(achieved?.reason),
            ]
          }))
      let assets = plant.assets(inZone: zone.id)
      if assets.isEmpty {
        blocks.append(.paragraph([.text("No assets.")]))
      } else {
        blocks.append(
          .table(
            header: ["asset", "kind", "addresses", "vendor / model / firmware", "criticality", "declared at"],
            rows: assets.map { asset in
              let product = [asset.vendor, asset.model, asset.firmware].compactMap { $0 }.joined(separator: " / ")
              return [
                [.strong(asset.id), .text(asset.name == asset.id ? "" : " \(asset.name)")],
                [.text(asset.kind.rawValue)],
                (asset.addresses.map { BinderInline.code($0.description) }
                  + asset.macs.map { BinderInline.code($0.description) }).interleaved(", ", empty: "—"),
                Self.optional(product), Self.optional(asset.criticality?.rawValue),
                [.code(asset.location.description)],
              ]
            }))
      }
    }
    return blocks
  }

  // MARK: Conduit register

  func conduitRegister() -> [BinderBlock] {
    var blocks: [BinderBlock] = [
      .heading(level: 2, text: "Conduit register", anchor: "conduits"),
      .paragraph([
        .text(
          "Each conduit as IEC 62443-3-2 asks for it: the zones it joins, its flows, its controls, the enforcement "
            + "points and the firewall rules that implement it, who owns it, why it exists, when it is reviewed, "
            + "and what the captures show of it.")
      ]),
    ]
    for conduit in plant.conduits {
      let controls = ZoneDiagram.controlNames(conduit.controls)
      var facts = [
        BinderFact(
          "Zones", conduit.zones.map { BinderInline.link($0, anchor: BinderAnchor.zone($0)) }.interleaved(" ↔ ")),
        BinderFact("Owner", Self.optional(conduit.owner)),
        BinderFact("Justification", Self.optional(conduit.justification)),
        BinderFact("Review by", Self.optional(conduit.reviewBy?.description)),
        BinderFact("Controls", controls.isEmpty ? "none required" : controls.joined(separator: ", ")),
        BinderFact(
          "Enforced by",
          conduit.enforcedBy.map { id -> [BinderInline] in
            guard let facts = result.enforcementPoints.first(where: { $0.id == id }) else { return [.code(id)] }
            return [
              .code(id),
              .text(
                " (" + (facts.configFile.map { "\($0), " } ?? "no config, ")
                  + (facts.defaultDeny ? "default deny" : "no default deny") + ")"),
            ]
          }.joinedInlines("; ", empty: "none")),
        BinderFact("Declared at", [.code(conduit.location.description)]),
      ]
      if let description = conduit.description { facts.append(BinderFact("Description", description)) }
      blocks += [
        .heading(level: 3, text: Self.named(conduit.name, conduit.id), anchor: BinderAnchor.conduit(conduit.id)),
        .facts(facts),
      ]
      let declared = result.zonePairs.flatMap(\.declared).filter { $0.conduit == conduit.id }
        .sorted { $0.flowIndex < $1.flowIndex }
      for (index, flow) in conduit.flows.enumerated() {
        let fact = declared.first { $0.flowIndex == index }
        blocks += flowBlocks(conduit: conduit, index: index, flow: flow, facts: fact)
      }
    }
    return blocks
  }

  private func flowBlocks(conduit: Conduit, index: Int, flow: ConduitFlow, facts: DeclaredFlowFacts?) -> [BinderBlock] {
    var lines: [BinderFact] = [
      BinderFact("Services", flow.services.map { BinderInline.code($0.name) }.interleaved(", ", empty: "—")),
      BinderFact(
        "Operations",
        flow.operations.isEmpty ? "not restricted" : flow.operations.map(\.rawValue).joined(separator: ", ")),
      BinderFact("Message security", flow.security?.rawValue ?? "not required"),
      BinderFact("Declared at", [.code(flow.location.description)]),
    ]
    if let facts {
      lines.append(
        BinderFact(
          "Zone pair",
          [.link("\(facts.fromZone) → \(facts.toZone)", anchor: BinderAnchor.pair(facts.fromZone, facts.toZone))]))
      lines.append(BinderFact("Firewalls", [Self.coverageBadge(facts.coverage)]))
      if let record = result.zonePairs.first(where: { $0.from == facts.fromZone && $0.to == facts.toZone }) {
        // The permits on the pair for exactly the declared services: the rules that implement this flow.
        let permits = record.permitted.filter { permit in permit.span.map { facts.spans.contains($0) } ?? false }
        lines.append(
          BinderFact(
            "Implementing rules",
            permits.isEmpty
              ? [.text("no permit for exactly these services; see the zone pair")]
              : permits.flatMap { [.code($0.service), .text(": ")] + Self.rules($0.rules) + [.text(". ")] }))
      }
      if let witness = facts.blockedWitness {
        lines.append(
          BinderFact("Blocked packet", [.code(witness.description), .text(" by ")] + Self.rules(facts.blockingRules)))
      }
      let carried = result.traffic.filter { $0.key.conduit == conduit.id && $0.key.conduitFlowIndex == index }
      // First-seen order over the (ordered) traffic: FirewallRuleReference's `<` ties on rules without a line
      // (nftables JSON), so a sorted Set would not be deterministic.
      var seenRules: Set<FirewallRuleReference> = []
      let carriedRules = carried.flatMap(\.key.verdictRules).filter { seenRules.insert($0).inserted }
      lines.append(BinderFact("Observed usage", FlowCountText.flows(facts.observedFlows) + " observed"))
      if !carriedRules.isEmpty {
        lines.append(BinderFact("Rules that carried observed traffic", Self.rules(carriedRules)))
      }
    }
    var blocks: [BinderBlock] = [
      .heading(level: 4, text: "Flow \(index + 1): \(flow.from.id) → \(flow.to.id)", anchor: nil), .facts(lines),
    ]
    let observed = result.traffic.filter { $0.key.conduit == conduit.id && $0.key.conduitFlowIndex == index }
    if !observed.isEmpty { blocks.append(observedTable(observed)) }
    return blocks
  }

  static func coverageBadge(_ coverage: DeclaredFlowFacts.Coverage) -> BinderInline {
    let tone: String
    switch coverage {
    case .allowed: tone = "met"
    case .partial, .unenforced, .unknown: tone = "warn"
    case .blocked: tone = "gap"
    }
    return .badge(coverage.rawValue, tone: tone)
  }

  /// Observed traffic as a table, one row per class: what, how many flows between how many hosts, what the
  /// protocol did, what the firewalls say, the conduit, and the largest flows with the packet each starts at.
  func observedTable(_ traffic: [ObservedTraffic]) -> BinderBlock {
    .table(
      header: ["traffic", "flows", "operations", "security", "packets", "firewalls", "conduit", "largest flows"],
      rows: traffic.map { group in
        let key = group.key
        let flows = group.flows
        let operations = flows.operationNames.keys.sorted().map { "\($0) ×\(flows.operationNames[$0] ?? 0)" }
        var security = key.securityMode.map { "mode \($0)" } ?? ""
        if key.securityMode == nil, key.authenticated != nil || key.encrypted != nil {
          security = "auth \(Self.yesNo(key.authenticated)), enc \(Self.yesNo(key.encrypted))"
        }
        let sample = flows.sample.prefix(Self.sampleFlowsShown).map { flow -> [BinderInline] in
          [.code(flow.summary)] + (flow.seenAt.first.map { [.text(" at "), .code($0.description)] } ?? [])
        }
        let more = flows.flows - min(flows.sample.count, Self.sampleFlowsShown)
        return [
          [.code(key.label)] + (key.answered ? [] : [.text(" "), .badge("unanswered", tone: "muted")]),
          [.text(FlowCountText.text(flows))], Self.optional(operations.joined(separator: ", ")),
          Self.optional(security), [.text("\(flows.packets)")],
          [.badge(key.verdict.rawValue, tone: key.verdict == .denied && key.answered ? "gap" : "muted")],
          key.conduit.map { [BinderInline.link($0, anchor: BinderAnchor.conduit($0))] } ?? [.text("none")],
          sample.joinedInlines("; ", empty: "—") + (more > 0 ? [.text("; and \(more) more")] : []),
        ]
      })
  }

  /// How many flows of a class the binder names (the JSON output carries the whole sample).
  static let sampleFlowsShown = 3
}

extension Array where Element == BinderInline {
  /// The inlines with a text separator between them, or `empty` when there are none.
  func interleaved(_ separator: String, empty: String = "—") -> [BinderInline] {
    guard !isEmpty else { return [.text(empty)] }
    var result: [BinderInline] = []
    for (index, inline) in enumerated() {
      if index > 0 { result.append(.text(separator)) }
      result.append(inline)
    }
    return result
  }
}
