import BulkheadAnalysis
import BulkheadModel

/// The zone-and-conduit diagram: one cluster per zone with its assets on its Purdue row, one edge per zone pair
/// labelled with its conduits, services and controls, styled by ``ConduitEdgeStatus``.
struct ZoneDiagram {
  let result: AssessmentResult
  let plant: Plant

  func dot() -> String {
    var lines = DOTRenderer.header(name: "zones", title: "\(plant.name): zones and conduits")
    let zones = plant.zones
    let bands = Array(Set(zones.map { PurdueBand($0.purdue) })).sorted()
    lines += DOTRenderer.ruler(bands)
    var members: [PurdueBand: [String]] = [:]
    var anchors: [String: String] = [:]
    for zone in zones {
      let band = PurdueBand(zone.purdue)
      let assets = plant.assets(inZone: zone.id)
      let clusterID = "cluster_zone:\(zone.id)"
      lines.append("  subgraph \(DOTText.quoted(clusterID)) {")
      lines.append(
        "    graph "
          + DOTText.attributes([
            ("label", "\(zone.name) (\(zone.id))\nPurdue \(zone.purdue) · " + Self.target(zone.securityLevelTarget)),
            ("style", "filled,rounded"), ("fillcolor", band.fill), ("color", "#8a8a8a"), ("fontsize", "12"),
            ("href", "#" + BinderAnchor.zone(zone.id)), ("tooltip", "zone \(zone.id)"),
          ]) + ";")
      var nodes: [String] = []
      for asset in assets {
        let node = "asset:\(asset.id)"
        let address = asset.addresses.map(\.description).joined(separator: ", ")
        lines.append(
          "    \(DOTText.quoted(node)) "
            + DOTText.attributes([
              ("label", address.isEmpty ? asset.id : "\(asset.id)\n\(address)"), ("shape", "box"),
              ("style", "rounded,filled"), ("fillcolor", "white"), ("color", "#607d8b"),
              ("tooltip", "\(asset.name) (\(asset.kind.rawValue))"),
            ]) + ";")
        nodes.append(node)
      }
      if nodes.isEmpty {
        // A cluster needs a node to exist and to carry edges; an empty zone still belongs on the diagram.
        let node = "zone:\(zone.id)"
        lines.append(
          "    \(DOTText.quoted(node)) "
            + DOTText.attributes([("label", "(no assets)"), ("shape", "plaintext"), ("fontcolor", "#777777")])
            + ";")
        nodes.append(node)
      }
      // Invisible edges between neighbours keep the assets in model order along their row.
      for (left, right) in zip(nodes, nodes.dropFirst()) {
        lines.append("    \(DOTText.quoted(left)) -> \(DOTText.quoted(right)) [style=\"invis\"];")
      }
      lines.append("  }")
      members[band, default: []] += nodes
      anchors[zone.id] = nodes.first
    }
    lines += DOTRenderer.ranks(members)
    for record in result.zonePairs where record.from != record.to {
      guard ZoneMatrixRenderer.hasDetail(record),
        let tail = anchors[record.from], let head = anchors[record.to]
      else { continue }
      let status = ConduitEdgeStatus(record: record, findings: result.findings)
      lines.append(
        "  \(DOTText.quoted(tail)) -> \(DOTText.quoted(head)) "
          + DOTText.attributes(
            [
              ("ltail", "cluster_zone:\(record.from)"), ("lhead", "cluster_zone:\(record.to)"),
              ("label", label(record, status: status)), ("href", "#" + BinderAnchor.pair(record.from, record.to)),
              ("tooltip", "\(record.from) → \(record.to): \(status.meaning)"),
            ] + status.attributes) + ";")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Conduits, declared services, undeclared permits, what was seen and the controls, one line each.
  private func label(_ record: ZonePairRecord, status: ConduitEdgeStatus) -> String {
    var lines: [String] = []
    var conduits: [String] = []
    var services: [String] = []
    for flow in record.declared {
      if !conduits.contains(flow.conduit) { conduits.append(flow.conduit) }
      for name in serviceNames(flow) where !services.contains(name) { services.append(name) }
    }
    if !conduits.isEmpty { lines.append(conduits.joined(separator: ", ")) }
    if !services.isEmpty { lines.append(services.joined(separator: " ")) }
    let controls = conduits.compactMap { plant.conduit(id: $0) }.flatMap { Self.controlNames($0.controls) }
    if !controls.isEmpty { lines.append("[" + Self.unique(controls).joined(separator: ", ") + "]") }
    if !record.undeclared.isEmpty {
      let names = record.undeclared.map(\.service)
      let shown = names.prefix(3).joined(separator: " ")
      lines.append("undeclared: " + shown + (names.count > 3 ? " +\(names.count - 3)" : ""))
    }
    let answered = record.observed.filter(\.answered)
    if !answered.isEmpty {
      let protocols = Set(answered.map(\.key.protocolName)).sorted()
      lines.append("seen: " + protocols.joined(separator: " "))
    }
    let dropped = record.observed.filter { !$0.answered }.reduce(0) { $0 + $1.flows.flows }
    if dropped > 0 { lines.append("dropped attempts: \(dropped)") }
    if status == .bypass { lines.append("DMZ BYPASS") }
    return lines.joined(separator: "\n")
  }

  private func serviceNames(_ flow: DeclaredFlowFacts) -> [String] {
    guard let conduit = plant.conduit(id: flow.conduit), conduit.flows.indices.contains(flow.flowIndex) else {
      return flow.spans.map(\.description)
    }
    return conduit.flows[flow.flowIndex].services.map(\.name)
  }

  /// `SL-T 2`, or the vector notation `SL-T(4,4,4,2,4,3,4)`.
  static func target(_ target: SecurityLevelTarget) -> String {
    target.isVector ? target.description : "SL-T \(target)"
  }

  /// The conduit's required controls as short words (`auth`, `encrypted`, `via jump-host`, `one-way`).
  static func controlNames(_ controls: ConduitControls) -> [String] {
    var names: [String] = []
    if controls.authentication { names.append("auth") }
    if controls.encryption { names.append("encrypted") }
    if let proxy = controls.proxy { names.append("via \(proxy)") }
    if controls.unidirectional { names.append("one-way") }
    return names
  }
}

extension ZoneDiagram {
  /// The elements in first-seen order without repeats.
  static func unique(_ items: [String]) -> [String] {
    var seen: Set<String> = []
    return items.filter { seen.insert($0).inserted }
  }
}
