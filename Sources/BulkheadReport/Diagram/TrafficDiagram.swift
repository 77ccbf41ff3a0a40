import BulkheadAnalysis
import BulkheadModel

/// The observed communication graph: every host seen, inside its zone on its Purdue row, and one edge per
/// initiator, responder and protocol. Hosts the model does not know are highlighted.
struct TrafficDiagram {
  let result: AssessmentResult
  let plant: Plant

  func dot() -> String {
    var lines = DOTRenderer.header(name: "traffic", title: "\(plant.name): observed communication")
    var addresses = Set(result.seenHosts.map(\.address))
    for flow in result.observedFlows {
      addresses.insert(flow.initiator)
      addresses.insert(flow.responder)
    }
    let hosts = addresses.sorted()
    var byZone: [String: [IPAddress]] = [:]
    var outside: [IPAddress] = []
    for host in hosts {
      if let zone = plant.zone(containing: host) {
        byZone[zone.id, default: []].append(host)
      } else {
        outside.append(host)
      }
    }
    let zones = plant.zones.filter { byZone[$0.id] != nil }
    let bands = Array(Set(zones.map { PurdueBand($0.purdue) })).sorted()
    lines += DOTRenderer.ruler(bands)
    var members: [PurdueBand: [String]] = [:]
    for zone in zones {
      let band = PurdueBand(zone.purdue)
      lines.append("  subgraph \(DOTText.quoted("cluster_zone:\(zone.id)")) {")
      lines.append(
        "    graph "
          + DOTText.attributes([
            ("label", "\(zone.name) (\(zone.id))"), ("style", "filled,rounded"), ("fillcolor", band.fill),
            ("color", "#8a8a8a"), ("fontsize", "12"), ("href", "#" + BinderAnchor.zone(zone.id)),
            ("tooltip", "zone \(zone.id)"),
          ]) + ";")
      for host in byZone[zone.id] ?? [] {
        lines.append("    " + node(host))
        members[band, default: []].append("host:\(host)")
      }
      lines.append("  }")
    }
    for host in outside { lines.append("  " + node(host)) }
    lines += DOTRenderer.ranks(members)
    lines += edges()
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private func node(_ host: IPAddress) -> String {
    let id = DOTText.quoted("host:\(host)")
    if let asset = plant.asset(at: host) {
      return id + " "
        + DOTText.attributes([
          ("label", "\(asset.id)\n\(host)"), ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "white"),
          ("color", "#607d8b"), ("tooltip", "\(asset.name) (\(asset.kind.rawValue))"),
        ]) + ";"
    }
    let vendor = result.seenHosts.first { $0.address == host }?.vendor
    return id + " "
      + DOTText.attributes([
        ("label", "UNKNOWN\n\(host)" + (vendor.map { "\n\($0)" } ?? "")), ("shape", "box"),
        ("style", "rounded,filled,bold"), ("fillcolor", "#ffcc80"), ("color", "#e65100"), ("penwidth", "2"),
        ("tooltip", "not in the model"),
      ]) + ";"
  }

  /// One edge per initiator, responder and protocol label; the most alarming flow of a group sets the style.
  private func edges() -> [String] {
    struct Key: Hashable, Comparable {
      var initiator: IPAddress
      var responder: IPAddress
      var label: String
      static func < (a: Key, b: Key) -> Bool {
        (a.initiator, a.responder, a.label) < (b.initiator, b.responder, b.label)
      }
    }
    let bypassPairs = Set(result.findings.filter { $0.ruleID == "dmz-bypass" }.map(\.zones))
    var groups: [Key: [ObservedFlowFacts]] = [:]
    for flow in result.observedFlows {
      let service = flow.span.description
      let name = flow.application.map { "\($0) \(service)" } ?? service
      groups[Key(initiator: flow.initiator, responder: flow.responder, label: name), default: []].append(flow)
    }
    return groups.keys.sorted().map { key in
      let flows = groups[key] ?? []
      var label = [key.label]
      let operations = Set(flows.flatMap { $0.operations.filter { $0.value > 0 }.keys }).sorted()
      if !operations.isEmpty { label.append(operations.joined(separator: ", ")) }
      let modes = Set(flows.compactMap(\.securityMode)).sorted()
      if !modes.isEmpty { label.append("mode " + modes.joined(separator: ", ")) }
      let style = flows.map { TrafficEdgeStyle($0, bypassPairs: bypassPairs) }.max() ?? .declared
      if style == .dropped { label.append("dropped") }
      return "  \(DOTText.quoted("host:\(key.initiator)")) -> \(DOTText.quoted("host:\(key.responder)")) "
        + DOTText.attributes(
          [
            ("label", label.joined(separator: "\n")),
            ("tooltip", "\(key.initiator) → \(key.responder): \(style.meaning)"),
          ]
            + style.attributes) + ";"
    }
  }
}
