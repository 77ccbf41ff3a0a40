import BulkheadAnalysis
import BulkheadModel

extension BinderDocument {
  // MARK: Zone pairs

  func zonePairs() -> [BinderBlock] {
    var blocks: [BinderBlock] = [
      .heading(level: 2, text: "Zone pairs", anchor: "pairs"),
      .paragraph([
        .text(
          "Every ordered zone pair with declared, configured or observed traffic: the declared flows, every "
            + "service the firewalls let through with a witness packet and the accepting rule of each firewall on "
            + "the path, and the flows seen.")
      ]),
    ]
    for record in result.zonePairs where record.from != record.to {
      guard ZoneMatrixRenderer.hasDetail(record) else { continue }
      let cell = record.cell
      let status = ConduitEdgeStatus(record: record, findings: result.findings)
      blocks.append(
        .heading(
          level: 3, text: "\(record.from) → \(record.to)", anchor: BinderAnchor.pair(record.from, record.to)))
      var facts = [
        BinderFact(
          "Status", [.badge(status.rawValue, tone: "edge-\(status.rawValue)"), .text(" " + status.meaning)]),
        BinderFact("Matrix", [.code(cell.code), .text(" " + ZoneMatrixTone.explanation(cell))]),
      ]
      if !record.configurationKnown {
        facts.append(BinderFact("Configuration", "a firewall on the path could not be evaluated"))
      }
      facts.append(
        BinderFact(
          "Declared",
          record.declared.map { flow -> [BinderInline] in
            [.link(flow.conduit, anchor: BinderAnchor.conduit(flow.conduit)), .text(" "), .code(flow.summary)]
          }.joinedInlines("; ", empty: "nothing")))
      blocks.append(.facts(facts))
      if !record.permitted.isEmpty {
        blocks.append(
          .table(
            header: ["permitted service", "declared", "witness packet", "accepting rules (path order)"],
            rows: record.permitted.map { permit in
              [
                [.code(permit.service)],
                [record.undeclared.contains(permit) ? .badge("undeclared", tone: "gap") : .badge("yes", tone: "met")],
                [.code(permit.witness.description)], Self.rules(permit.rules),
              ]
            }))
      }
      if !record.observed.isEmpty { blocks.append(observedTable(record.observed)) }
    }
    return blocks
  }

  // MARK: Findings

  func findingsSection() -> [BinderBlock] {
    var blocks: [BinderBlock] = [
      .heading(level: 2, text: "Findings", anchor: "findings"),
      .paragraph([
        .text(
          "\(result.findings.count) findings in the order to close them: segmentation first (ranked by severity "
            + "and blast radius), visibility next, documentation last.")
      ]),
    ]
    for (index, finding) in result.findings.enumerated() {
      let rule = result.rules.first { $0.id == finding.ruleID }
      blocks.append(
        .heading(level: 3, text: "\(index + 1). \(finding.message)", anchor: BinderAnchor.finding(index + 1)))
      var facts = [
        BinderFact(
          "Severity", [Self.severityBadge(finding.severity), .text(" \(finding.category.rawValue)")]),
        BinderFact("Rule", [.code(finding.ruleID)] + (rule.map { [.text(" " + $0.title)] } ?? [])),
        BinderFact("Location", [.code(finding.location.description)]),
      ]
      if !finding.zones.isEmpty {
        var zones = finding.zones.map { BinderInline.link($0, anchor: BinderAnchor.zone($0)) }.interleaved(" → ")
        if finding.zones.count == 2 {
          zones += [
            .text(" ("), .link("pair", anchor: BinderAnchor.pair(finding.zones[0], finding.zones[1])), .text(")"),
          ]
        }
        facts.append(BinderFact("Zones", zones))
      }
      if finding.blastRadius > 0 { facts.append(BinderFact("Blast radius", "\(finding.blastRadius)")) }
      if let rule, !rule.requirements.isEmpty {
        facts.append(BinderFact("IEC 62443-3-3", rule.requirements.map(\.description).joined(separator: "; ")))
      }
      facts.append(BinderFact("Fingerprint", [.code(finding.fingerprint)]))
      if let flows = finding.flows {
        facts.append(
          BinderFact(
            "Flows",
            "\(FlowCountText.text(flows)), \(flows.packets) packets, \(UTCTimestamp.text(flows.firstSeen)) to "
              + UTCTimestamp.text(flows.lastSeen)))
        if !flows.operationNames.isEmpty {
          facts.append(
            BinderFact(
              "Operations",
              flows.operationNames.keys.sorted().map { "\($0) ×\(flows.operationNames[$0] ?? 0)" }
                .joined(separator: ", ")))
        }
      }
      if !finding.hosts.isEmpty {
        facts.append(BinderFact("Hosts", finding.hosts.map { BinderInline.code($0.description) }.interleaved(", ")))
      }
      blocks.append(.facts(facts))
      if !finding.evidence.isEmpty {
        blocks.append(
          .list(
            finding.evidence.map { evidence in
              [.badge(evidence.kind.rawValue, tone: "muted"), .text(" " + evidence.summary)]
                + (evidence.location.map { [.text(" "), .code($0.description)] } ?? [])
            }, ordered: false))
      }
      if let rule {
        blocks.append(.paragraph([.strong("Why it matters:"), .text(" " + rule.rationale)]))
        blocks.append(.paragraph([.strong("Remediation:"), .text(" " + rule.remediation)]))
      }
    }
    return blocks
  }

  // MARK: Traffic

  func traffic() -> [BinderBlock] {
    var blocks: [BinderBlock] = [
      .heading(level: 2, text: "Observed communication", anchor: "traffic"),
      .paragraph([
        .text(
          "Hosts seen in the captures and the flows between them by application protocol; hosts the model does "
            + "not know are highlighted, dropped attempts dotted.")
      ]),
      .diagram(.traffic, caption: "Observed communication in \(plant.name)"),
    ]
    guard !result.seenHosts.isEmpty else {
      blocks.append(.paragraph([.text("No hosts were seen.")]))
      return blocks
    }
    blocks.append(
      .table(
        header: ["host", "asset", "MAC / vendor", "serves", "uses", "first seen at"],
        rows: result.seenHosts.map { host in
          let asset = plant.asset(at: host.address)
          return [
            [.code(host.address.description)],
            asset.map { [BinderInline.text($0.id)] } ?? [.badge("unknown", tone: "gap")],
            (host.macs.map { BinderInline.code($0.description) } + (host.vendor.map { [.text($0)] } ?? []))
              .interleaved(" ", empty: "—"),
            Self.optional(host.serves.joined(separator: ", ")), Self.optional(host.uses.joined(separator: ", ")),
            host.seenAt.map { [BinderInline.code($0.description)] } ?? [.text("—")],
          ]
        }))
    return blocks
  }

  // MARK: Evidence appendix

  func appendix() -> [BinderBlock] {
    var facts = [
      BinderFact("Tool", "Bulkhead \(result.toolVersion)"),
      BinderFact("Model", [.code(result.modelFile)]),
      BinderFact("Assessed as of", result.date.description),
      BinderFact("Reproduce", [.code("bulkhead report \(result.modelFile) --today \(result.date) --out DIR")]),
    ]
    if let timestamp { facts.append(BinderFact("Generated at", timestamp)) }
    if let window = result.window {
      facts += [
        BinderFact("Capture window", "\(UTCTimestamp.text(window.start)) to \(UTCTimestamp.text(window.end))"),
        BinderFact("Window length", window.durationText),
        BinderFact("Zones watched", window.observedZones.joined(separator: ", ")),
      ]
    }
    facts.append(BinderFact("Packets read", "\(result.packetsRead)"))
    var blocks: [BinderBlock] = [
      .heading(level: 2, text: "Evidence appendix", anchor: "evidence"),
      .paragraph([
        .text(
          "What was read, byte for byte: an auditor re-runs the assessment on files with these digests and gets "
            + "this binder back.")
      ]),
      .facts(facts),
      .heading(level: 3, text: "Input files", anchor: "inputs"),
      .table(
        header: ["file", "kind", "bytes", "SHA-256"],
        rows: result.inputs.map { input in
          [[.code(input.path)], [.text(input.kind.rawValue)], [.text("\(input.size)")], [.code(input.sha256)]]
        }),
      .heading(level: 3, text: "Enforcement points", anchor: "enforcement-points"),
      .table(
        header: ["id", "vendor", "config", "parsed", "default deny", "default set at", "uninterpreted lines"],
        rows: result.enforcementPoints.map { point in
          [
            [.code(point.id)], [.text(point.vendor?.name ?? "—")],
            point.configFile.map { [BinderInline.code($0)] } ?? [.text("—")],
            [.text(point.parsed ? "yes" : "no")], [.text(point.defaultDeny ? "yes" : "no")],
            point.defaultLocation.map { [BinderInline.code($0.description)] } ?? [.text("—")],
            [.text("\(point.uninterpretedLines)")],
          ]
        }),
      .heading(level: 3, text: "Firewall rules", anchor: "firewall-rules"),
      .table(
        header: ["rule", "action", "notes", "packets"],
        rows: result.firewallRules.map { facts in
          var notes: [String] = []
          if facts.isShadowed { notes.append("shadowed") }
          if facts.isRedundant { notes.append("redundant") }
          if facts.anySource { notes.append("any source") }
          if facts.anyDestination { notes.append("any destination") }
          if facts.anyService { notes.append("any service") }
          if facts.establishedOnly { notes.append("established only") }
          return [
            Self.rules([facts.rule]), [.text(facts.disposition.rawValue)],
            Self.optional(notes.joined(separator: ", ")), Self.optional(facts.packetCount.map { "\($0)" }),
          ]
        }),
      .heading(level: 3, text: "Rules that ran", anchor: "rules"),
      .table(
        header: ["rule", "title", "default severity", "IEC 62443-3-3"],
        rows: result.rules.map { rule in
          [
            [.code(rule.id)], [.text(rule.title)], [Self.severityBadge(rule.severity)],
            Self.optional(rule.requirements.map(\.id).joined(separator: ", ")),
          ]
        }),
      .heading(level: 3, text: "Diagnostics", anchor: "diagnostics"),
    ]
    blocks.append(
      result.diagnostics.isEmpty
        ? .paragraph([.text("Every input was interpreted in full.")])
        : .list(result.diagnostics.map { [.code($0.description)] }, ordered: false))
    return blocks
  }
}

extension Array where Element == [BinderInline] {
  /// The groups joined by a text separator, or `empty` when there are none.
  func joinedInlines(_ separator: String, empty: String) -> [BinderInline] {
    guard !isEmpty else { return [.text(empty)] }
    var result: [BinderInline] = []
    for (index, group) in enumerated() {
      if index > 0 { result.append(.text(separator)) }
      result += group
    }
    return result
  }
}
