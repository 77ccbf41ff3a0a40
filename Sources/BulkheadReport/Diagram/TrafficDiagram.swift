import BulkheadAnalysis
import BulkheadModel

/// The observed communication graph: the hosts seen, inside their zones on their Purdue rows, and one edge per
/// initiator, responder and protocol. Hosts the model does not know are highlighted.
///
/// A plant capture shows hundreds of hosts, which no layout makes readable, so beyond ``nodeBudget`` nodes the graph
/// aggregates: first the hosts the model does not know, into one node per zone or subnet ("37 unknown hosts in zone
/// enterprise"), then, if the modelled assets alone are still too many, every host into its zone. Edges are counted
/// from the traffic classes, so an aggregated edge carries the flows of every host it stands for.
struct TrafficDiagram {
  let result: AssessmentResult
  let plant: Plant
  /// Most nodes drawn before hosts are aggregated.
  var nodeBudget = 60

  /// How far hosts are aggregated.
  enum Detail: Comparable {
    /// Every host its own node.
    case hosts
    /// Modelled assets their own nodes, unknown hosts one node per zone or subnet.
    case assets
    /// One node per zone (and per subnet outside every zone).
    case zones
  }

  /// A node of the graph.
  enum Node: Hashable, Comparable {
    case host(IPAddress)
    case unknown(UnknownAssetRule.Place)
    case zone(String)

    var id: String {
      switch self {
      case .host(let address): "host:\(address)"
      case .unknown(.zone(let zone)): "unknown:zone:\(zone)"
      case .unknown(.subnet(let network)): "unknown:\(network)"
      case .unknown(.publicAddresses): "unknown:public"
      case .zone(let zone): "zone:\(zone)"
      }
    }

    /// How a tooltip names the node.
    var name: String {
      switch self {
      case .host(let address): address.description
      case .unknown(.zone(let zone)): "unknown hosts in zone \(zone)"
      case .unknown(.subnet(let network)): "unknown hosts in \(network)"
      case .unknown(.publicAddresses): "unknown public hosts"
      case .zone(let zone): "zone \(zone)"
      }
    }
  }

  func dot() -> String {
    var addresses = Set(result.seenHosts.map(\.address))
    for group in result.traffic {
      addresses.formUnion(group.flows.initiators)
      addresses.formUnion(group.flows.responders)
    }
    let hosts = addresses.sorted()
    let detail = self.detail(hosts)
    var title = "\(plant.name): observed communication"
    switch detail {
    case .hosts: break
    case .assets: title += " (\(hosts.count) hosts; unknown hosts grouped by zone and subnet)"
    case .zones: title += " (\(hosts.count) hosts, grouped by zone)"
    }
    var lines = DOTRenderer.header(name: "traffic", title: title)
    var counts: [Node: (hosts: Int, unknown: Int)] = [:]
    for host in hosts {
      let node = self.node(host, detail)
      counts[node, default: (0, 0)].hosts += 1
      if plant.asset(at: host) == nil { counts[node, default: (0, 0)].unknown += 1 }
    }
    var byZone: [String: [Node]] = [:]
    var outside: [Node] = []
    for node in counts.keys.sorted() {
      if let zone = zone(of: node) {
        byZone[zone, default: []].append(node)
      } else {
        outside.append(node)
      }
    }
    let zones = plant.zones.filter { byZone[$0.id] != nil }
    let bands = Array(Set(zones.map { PurdueBand($0.purdue) })).sorted()
    lines += DOTRenderer.ruler(bands)
    var members: [PurdueBand: [String]] = [:]
    for zone in zones {
      let band = PurdueBand(zone.purdue)
      let nodes = byZone[zone.id] ?? []
      if detail == .zones {
        for node in nodes {
          lines.append("  " + statement(node, counts: counts[node] ?? (0, 0), fill: band.fill))
          members[band, default: []].append(node.id)
        }
        continue
      }
      lines.append("  subgraph \(DOTText.quoted("cluster_zone:\(zone.id)")) {")
      lines.append(
        "    graph "
          + DOTText.attributes([
            ("label", "\(zone.name) (\(zone.id))"), ("style", "filled,rounded"), ("fillcolor", band.fill),
            ("color", "#8a8a8a"), ("fontsize", "12"), ("href", "#" + BinderAnchor.zone(zone.id)),
            ("tooltip", "zone \(zone.id)"),
          ]) + ";")
      for node in nodes {
        lines.append("    " + statement(node, counts: counts[node] ?? (0, 0), fill: band.fill))
        members[band, default: []].append(node.id)
      }
      lines.append("  }")
    }
    for node in outside { lines.append("  " + statement(node, counts: counts[node] ?? (0, 0), fill: "white")) }
    lines += DOTRenderer.ranks(members)
    lines += edges(detail)
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The least aggregation that fits the budget and draws only edges that exist.
  func detail(_ hosts: [IPAddress]) -> Detail {
    let everyPairKnown = result.traffic.allSatisfy { $0.flows.hostPairs != nil }
    if hosts.count <= nodeBudget && everyPairKnown { return .hosts }
    let grouped = Set(hosts.map { node($0, .assets) })
    if grouped.count <= nodeBudget && everyPairKnown { return .assets }
    return .zones
  }

  /// The node a host is drawn in.
  func node(_ host: IPAddress, _ detail: Detail) -> Node {
    switch detail {
    case .hosts:
      return .host(host)
    case .assets:
      return plant.asset(at: host) == nil ? .unknown(UnknownAssetRule.place(of: host, in: plant)) : .host(host)
    case .zones:
      if let zone = plant.zone(containing: host) { return .zone(zone.id) }
      return .unknown(UnknownAssetRule.place(of: host, in: plant))
    }
  }

  private func zone(of node: Node) -> String? {
    switch node {
    case .host(let address): plant.zone(containing: address)?.id
    case .unknown(.zone(let zone)), .zone(let zone): zone
    case .unknown: nil
    }
  }

  private func statement(_ node: Node, counts: (hosts: Int, unknown: Int), fill: String) -> String {
    let id = DOTText.quoted(node.id)
    switch node {
    case .host(let host):
      if let asset = plant.asset(at: host) {
        return id + " "
          + DOTText.attributes([
            ("label", "\(asset.id)\n\(host)"), ("shape", "box"), ("style", "rounded,filled"), ("fillcolor", "white"),
            ("color", "#607d8b"), ("tooltip", "\(asset.name) (\(asset.kind.rawValue))"),
          ]) + ";"
      }
      let vendor = result.seenHosts.first { $0.address == host }?.vendor
      return id + " " + Self.unknownAttributes(label: "UNKNOWN\n\(host)" + (vendor.map { "\n\($0)" } ?? ""))
    case .unknown(let place):
      let what = counts.hosts == 1 ? "1 unknown host" : "\(counts.hosts) unknown hosts"
      let label: String
      switch place {
      case .zone(let zone): label = "\(what)\nin zone \(zone)"
      case .subnet(let network): label = "\(what)\nin \(network)"
      case .publicAddresses: label = "\(what)\npublic addresses"
      }
      return id + " " + Self.unknownAttributes(label: label)
    case .zone(let zone):
      var label = "zone \(zone)\n" + FlowCountText.hosts(counts.hosts)
      if counts.unknown > 0 { label += " (\(counts.unknown) unknown)" }
      return id + " "
        + DOTText.attributes([
          ("label", label), ("shape", "box"), ("style", "rounded,filled" + (counts.unknown > 0 ? ",bold" : "")),
          ("fillcolor", fill), ("color", counts.unknown > 0 ? "#e65100" : "#607d8b"),
          ("href", "#" + BinderAnchor.zone(zone)), ("tooltip", "zone \(zone)"),
        ]) + ";"
    }
  }

  private static func unknownAttributes(label: String) -> String {
    DOTText.attributes([
      ("label", label), ("shape", "box"), ("style", "rounded,filled,bold"), ("fillcolor", "#ffcc80"),
      ("color", "#e65100"), ("penwidth", "2"), ("tooltip", "not in the model"),
    ]) + ";"
  }

  /// One edge per initiator node, responder node and protocol label; the most alarming traffic sets the style.
  private func edges(_ detail: Detail) -> [String] {
    struct Key: Hashable, Comparable {
      var from: Node
      var to: Node
      var label: String
      static func < (a: Key, b: Key) -> Bool { (a.from, a.to, a.label) < (b.from, b.to, b.label) }
    }
    let bypassPairs = Set(result.findings.filter { $0.ruleID == "dmz-bypass" }.map(\.zones))
    var edges: [Key: [ObservedTraffic]] = [:]
    // Whether every class on an edge is drawn only there, so the edge's flow count is the classes' counts.
    var exclusive: [Key: Bool] = [:]
    for group in result.traffic {
      var ends: Set<[Node]> = []
      if let pairs = group.flows.hostPairs {
        for pair in pairs { ends.insert([node(pair.initiator, detail), node(pair.responder, detail)]) }
      } else {
        // Without the pairs (more than FlowAggregate.hostPairLimit), the class joins every node of its initiators
        // to every node of its responders; at zone detail each side is the class's own zone, so nothing is invented
        // except between subnets outside every zone.
        let from = Set(group.flows.initiators.map { node($0, detail) })
        let to = Set(group.flows.responders.map { node($0, detail) })
        for a in from { for b in to { ends.insert([a, b]) } }
      }
      for end in ends {
        let key = Key(from: end[0], to: end[1], label: group.key.label)
        edges[key, default: []].append(group)
        exclusive[key] = (exclusive[key] ?? true) && ends.count == 1
      }
    }
    return edges.keys.sorted().map { key in
      let groups = edges[key] ?? []
      var label = [key.label]
      let operations = Set(groups.flatMap(\.key.operationClasses)).sorted()
      if !operations.isEmpty { label.append(operations.joined(separator: ", ")) }
      let modes = Set(groups.compactMap(\.key.securityMode)).sorted()
      if !modes.isEmpty { label.append("mode " + modes.joined(separator: ", ")) }
      let style = groups.map { TrafficEdgeStyle($0.key, bypassPairs: bypassPairs) }.max() ?? .declared
      if style == .dropped { label.append("dropped") }
      if detail != .hosts, exclusive[key] ?? false {
        label.append(FlowCountText.flows(groups.reduce(0) { $0 + $1.flows.flows }))
      }
      return "  \(DOTText.quoted(key.from.id)) -> \(DOTText.quoted(key.to.id)) "
        + DOTText.attributes(
          [
            ("label", label.joined(separator: "\n")),
            ("tooltip", "\(key.from.name) → \(key.to.name): \(style.meaning)"),
          ]
            + style.attributes) + ";"
    }
  }
}
