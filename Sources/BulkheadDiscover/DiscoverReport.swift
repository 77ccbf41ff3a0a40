import BulkheadModel

/// `discover-report.md`: every guess of a draft with its reason and confidence, and every host and flow seen that
/// the draft leaves out, with why. Deterministic (no run time in it), so two runs on the same captures agree.
public struct DiscoverReport: Sendable {
  /// The file name beside the drafted `bulkhead.yaml`.
  public static let fileName = "discover-report.md"

  /// The draft it explains.
  public var draft: DiscoveryDraft

  /// Creates the report.
  public init(draft: DiscoveryDraft) { self.draft = draft }

  /// The Markdown text.
  public var markdown: String {
    var out: [String] = ["# Discover report", ""]
    let evidence = draft.evidence
    let flowTotal =
      draft.proposed.reduce(0) { $0 + $1.tally.flows } + draft.withinZone.reduce(0) { $0 + $1.tally.flows }
      + draft.unproposed.reduce(0) { $0 + $1.tally.flows }
    out += [
      "Read \(draft.captures.count) capture file(s): \(evidence.packets) packets, \(evidence.flowCount) flows, "
        + "\(evidence.hosts.count) hosts that sent traffic, \(evidence.diagnostics.count) diagnostic(s).",
      "",
      "Every flow is accounted for below: \(draft.proposed.reduce(0) { $0 + $1.tally.flows }) in proposed "
        + "conduits, \(draft.withinZone.reduce(0) { $0 + $1.tally.flows }) within one zone, "
        + "\(draft.unproposed.reduce(0) { $0 + $1.tally.flows }) not proposed (listed with why); "
        + "\(flowTotal) in all.",
      "",
    ]
    for file in draft.captures.sorted() { out.append("- `\(file)`") }
    if !draft.capturesNotReferenced.isEmpty {
      out += [
        "",
        "Capture files outside the output directory are read but not named in the model (the loader keeps a "
          + "plant's paths inside its directory): copy them in and add a `captures:` entry.",
      ]
    }

    out += [
      "", "## Zones", "", "| zone | networks | Purdue | why these hosts | confidence | why this level | confidence |",
      "|---|---|---|---|---|---|---|",
    ]
    for proposal in draft.zones {
      let zone = proposal.zone
      out.append(
        "| \(zone.id) | \(zone.networks.map(\.description).joined(separator: ", ")) | \(zone.purdue) | "
          + "\(proposal.grouping) | \(proposal.groupingConfidence) | \(proposal.levelReason) | "
          + "\(proposal.levelConfidence) |")
    }
    out += [
      "",
      "SL-T values are placeholders by Purdue level (1 → 3, 2–3.5 → 2, 4–5 → 1): set them from the risk "
        + "assessment.",
    ]

    if !draft.configs.isEmpty {
      out += [
        "", "## Firewall interfaces", "",
        "Each interface of \(draft.configs.count) firewall config(s) is a zone candidate: the networks its "
          + "forwarding rules bind to it (sources entering by it, destinations leaving by it).", "",
        "| firewall | interface | networks | zones |", "|---|---|---|---|",
      ]
      for candidate in draft.interfaces {
        out.append(
          "| \(candidate.firewall) | \(candidate.interface) | "
            + "\(candidate.networks.map(\.description).joined(separator: ", ")) | "
            + "\(candidate.zones.isEmpty ? "—" : candidate.zones.joined(separator: ", ")) |")
      }
      for diagnostic in draft.configDiagnostics where diagnostic.severity != .note { out.append("- \(diagnostic)") }
    }

    out += [
      "", "## Assets", "", "| asset | zone | address | MAC vendor | kind | why | confidence | serves | uses |",
      "|---|---|---|---|---|---|---|---|---|",
    ]
    for discovered in draft.assets {
      let asset = discovered.asset
      out.append(
        "| \(asset.id) | \(asset.zone) | \(asset.addresses.map(\.description).joined(separator: ", ")) | "
          + "\(asset.vendor ?? "—") | \(asset.kind.rawValue) | \(discovered.role.reason) | "
          + "\(discovered.role.confidence) | \(discovered.serves.joined(separator: ", ")) | "
          + "\(discovered.uses.joined(separator: ", ")) |")
    }

    out += ["", "## Proposed conduits", ""]
    for conduit in draft.plant.conduits {
      out.append("### \(conduit.id) (between \(conduit.zones.joined(separator: " and ")))")
      out.append("")
      for flow in conduit.flows {
        let operations =
          flow.operations.isEmpty ? "" : " (" + flow.operations.map(\.rawValue).joined(separator: ", ") + ")"
        out.append(
          "- \(flow.from.id) → \(flow.to.id): \(flow.services.map(\.name).joined(separator: ", "))\(operations)")
      }
      out.append("")
      out.append("Owner, justification and review date: not guessed; a person sets them.")
      out.append("")
    }

    out += ["## Hosts not placed", ""]
    if draft.unplaced.isEmpty { out.append("None.") }
    for host in draft.unplaced { out.append("- \(host.address): \(host.reason)") }

    out += ["", "## Flows not proposed as conduits", ""]
    if draft.unproposed.isEmpty { out.append("None.") }
    for entry in draft.unproposed {
      let place = entry.tally.firstSeenAt.map { " first at \($0)" } ?? ""
      out.append(
        "- \(entry.service.initiator) → \(entry.service.responder) \(entry.service.label): "
          + "\(entry.tally.flows) flow(s)\(place): \(entry.reason)")
    }

    out += ["", "## Flows within one zone", ""]
    var perZone: [String: Int] = [:]
    for entry in draft.withinZone { perZone[entry.zone, default: 0] += entry.tally.flows }
    if perZone.isEmpty { out.append("None.") }
    for zone in perZone.keys.sorted() { out.append("- \(zone): \(perZone[zone] ?? 0) flow(s); no conduit needed") }

    out += ["", "## Not interpreted", ""]
    if evidence.diagnostics.isEmpty { out.append("Nothing: every packet was read.") }
    for diagnostic in evidence.diagnostics { out.append("- \(diagnostic)") }
    return out.joined(separator: "\n") + "\n"
  }
}
