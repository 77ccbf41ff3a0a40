import BulkheadAnalysis
import BulkheadCapture
import BulkheadModel
import Foundation

/// Drafts a model from captures alone (`bulkhead discover`): hosts from the reconciled flows and the MACs the
/// captures show, roles from behaviour, zones from subnets and capture points, conduits from the answered flows that
/// cross zones.
///
/// Zones: hosts of one IPv4 /24 (IPv6 /64) are one candidate, the convention of plant addressing. With several
/// capture files (one SPAN per zone uplink, as 62443 monitoring places them), the candidates whose every flow was
/// seen at the same single capture point sit behind the same uplink and are merged into one zone named after it.
/// Everything is sorted, so the same captures give the same draft byte for byte.
public struct Discovery: Sendable {
  /// Creates a discovery.
  public init() {}

  /// Drafts a model from `captures`, to be written into `outputDirectory` (capture paths are made relative to it);
  /// each interface of the firewall `configs` is a zone candidate (``InterfaceCandidate``): the networks its rules
  /// bind to it widen the zone whose hosts they hold, or, holding none seen, become a zone of their own.
  public func draft(
    captures: [String], configs: [String] = [], outputDirectory: String, plantName: String = "Discovered plant"
  ) -> DiscoveryDraft {
    let collector = FlowCollector()
    let evidence = CaptureEvidence.read(files: captures) { collector.add($0) }
    let services = collector.sorted()
    let seen = Dictionary(evidence.hosts.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })

    // Hosts: every address a flow names; placed when it sent traffic and is a unicast host address.
    var addresses: Set<IPAddress> = []
    for (service, _) in services {
      addresses.insert(service.initiator)
      addresses.insert(service.responder)
    }
    var unplaced: [UnplacedHost] = []
    var placeable: [IPAddress] = []
    for address in addresses.sorted() {
      if let why = Self.notAHost(address) {
        unplaced.append(UnplacedHost(address: address, reason: why))
      } else if seen[address] == nil {
        unplaced.append(UnplacedHost(address: address, reason: "only addressed by unanswered attempts; never sent"))
      } else {
        placeable.append(address)
      }
    }

    // Zone candidates by subnet, then merged by capture point.
    var subnets: [IPNetwork: [IPAddress]] = [:]
    for address in placeable { subnets[Self.subnet(of: address), default: []].append(address) }
    // Where each subnet's hosts sit: the capture files that show their own MACs on the link; failing that, the
    // files that saw every flow they sent or answered (an unanswered attempt never reached its target).
    var filesOf: [IPAddress: Set<String>] = [:]
    for (service, tally) in services {
      let files = tally.files ?? []
      let ends = tally.answeredFlows > 0 ? [service.initiator, service.responder] : [service.initiator]
      for end in ends { filesOf[end] = filesOf[end].map { $0.intersection(files) } ?? files }
    }
    let distinctFiles = Set(captures)
    var homes: [IPNetwork: String] = [:]
    var grouping: [IPNetwork: (String, Confidence)] = [:]
    if distinctFiles.count > 1 {
      for (network, hosts) in subnets {
        let links = hosts.reduce(into: Set<String>()) { $0.formUnion(evidence.linkFiles[$1] ?? []) }
        if links.count == 1, let file = links.first {
          homes[network] = file
          grouping[network] = (
            "the hosts of \(network) show their own MACs only at the capture point \(Self.stem(file)): "
              + "they share its link", .high
          )
          continue
        }
        // Several links: the one most of the subnet's hosts show their own MACs at, when most of them do (a host
        // can also show a MAC of its own on a transit link).
        var counts: [String: Int] = [:]
        for host in hosts { for file in evidence.linkFiles[host] ?? [] { counts[file, default: 0] += 1 } }
        let best = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        if let top = best.first, top.value * 2 > hosts.count, best.dropFirst().first?.value != top.value {
          homes[network] = top.key
          grouping[network] = (
            "\(top.value) of the \(hosts.count) hosts of \(network) show their own MACs at the capture point "
              + "\(Self.stem(top.key)): most of them share its link", .medium
          )
          continue
        }
        let common =
          hosts.reduce(nil as Set<String>?) { sofar, address in
            let files = filesOf[address] ?? []
            return sofar.map { $0.intersection(files) } ?? files
          } ?? []
        if links.isEmpty, common.count == 1, let file = common.first {
          homes[network] = file
          grouping[network] = (
            "every flow of \(network) was seen at the capture point \(Self.stem(file)) (no MAC of its own seen)",
            .medium
          )
        }
      }
    }

    // Zones: one per capture point that is a home, one per other subnet.
    var members: [String: [IPNetwork]] = [:]
    var zoneOfNetwork: [IPNetwork: String] = [:]
    var usedIDs: Set<String> = []
    var idOfFile: [String: String] = [:]
    for file in Set(homes.values).sorted() {
      var id = Self.identifier(Self.stem(file))
      if id.isEmpty || usedIDs.contains(id) { id = Self.unique(id.isEmpty ? "zone" : id, in: usedIDs) }
      usedIDs.insert(id)
      idOfFile[file] = id
    }
    for network in subnets.keys.sorted() {
      let id: String
      if let file = homes[network], let fileID = idOfFile[file] {
        id = fileID
      } else {
        id = Self.unique(Self.networkIdentifier(network), in: usedIDs)
        usedIDs.insert(id)
        grouping[network] = (
          distinctFiles.count > 1
            ? "hosts of \(network); their flows were seen at no single capture point"
            : "hosts of \(network) (one capture point: the subnet is the only grouping evidence)", .low
        )
      }
      zoneOfNetwork[network] = id
      members[id, default: []].append(network)
    }
    var zoneOf: [IPAddress: String] = [:]
    for (network, hosts) in subnets {
      for host in hosts { zoneOf[host] = zoneOfNetwork[network] }
    }
    let (interfaces, configDiagnostics) = InterfaceCandidate.read(configs: configs)
    var candidates = interfaces
    Self.apply(&candidates, to: &members, grouping: &grouping, zoneOf: zoneOf, usedIDs: &usedIDs)

    // Roles.
    var servesOf: [IPAddress: [(SeenService, ServiceTally)]] = [:]
    var usesOf: [IPAddress: [(SeenService, ServiceTally)]] = [:]
    for (service, tally) in services {
      usesOf[service.initiator, default: []].append((service, tally))
      servesOf[service.responder, default: []].append((service, tally))
    }
    var assets: [DiscoveredAsset] = []
    var assetOf: [IPAddress: String] = [:]
    var assetIDs: Set<String> = []
    for address in placeable {
      guard let zone = zoneOf[address] else { continue }
      let serves = servesOf[address] ?? []
      let uses = usesOf[address] ?? []
      let role = RoleGuess.guess(address: address, serves: serves, uses: uses)
      let id = Self.unique(role.kind.rawValue + "-" + Self.addressIdentifier(address), in: assetIDs)
      assetIDs.insert(id)
      assetOf[address] = id
      let host = seen[address]
      var description = "Proposed: \(role.reason) (\(role.confidence) confidence)."
      if host?.vendor != nil { description += " MAC vendor from the IEEE OUI registry." }
      let asset = Asset(
        id: id, zone: zone, addresses: [address], macs: host?.macs ?? [], kind: role.kind, vendor: host?.vendor,
        description: description, locations: NodeLocations(entity: SourceLocation(file: "bulkhead.yaml")))
      assets.append(
        DiscoveredAsset(
          asset: asset, role: role,
          serves: Set(serves.filter { $0.1.answeredFlows > 0 }.map(\.0.spec)).sorted(),
          uses: Set(uses.map(\.0.spec)).sorted()))
    }

    // Purdue levels: controllers make a zone level 1, supervisory roles level 2; a zone that is reached from one
    // zone and itself reaches into a control zone terminates traffic between them (3.5, the DMZ); the rest 4.
    let zoneIDs = members.keys.sorted { left, right in
      let a = (members[left] ?? []).min()
      let b = (members[right] ?? []).min()
      if a != b, let a, let b { return a < b }
      return left < right
    }
    var level: [String: (PurdueLevel, String, Confidence)] = [:]
    for zone in zoneIDs {
      let kinds = assets.filter { $0.asset.zone == zone }
      let controllers = kinds.filter { $0.asset.kind.isController }.map(\.asset.id)
      let supervisory = kinds.filter {
        [.scadaServer, .hmi, .engineeringWorkstation].contains($0.asset.kind)
      }
      if !controllers.isEmpty {
        level[zone] = (.basicControl, "holds controllers (\(controllers.joined(separator: ", ")))", .medium)
      } else if supervisory.contains(where: { $0.asset.kind != .hmi }) || supervisory.count * 2 > kinds.count {
        level[zone] = (
          .supervisory,
          "hosts that supervise or engineer controllers (\(supervisory.map(\.asset.id).joined(separator: ", ")))",
          .medium
        )
      }
    }
    var opensInto: [String: Set<String>] = [:]
    var reachedFrom: [String: Set<String>] = [:]
    for (service, tally) in services where tally.answeredFlows > 0 {
      guard let from = zoneOf[service.initiator], let to = zoneOf[service.responder], from != to else { continue }
      opensInto[from, default: []].insert(to)
      reachedFrom[to, default: []].insert(from)
    }
    for zone in zoneIDs where level[zone] == nil {
      let control = (opensInto[zone] ?? []).filter { level[$0]?.0.isControl ?? false }.sorted()
      let sources = (reachedFrom[zone] ?? []).filter { !(level[$0]?.0.isControl ?? false) }.sorted()
      if !control.isEmpty && !sources.isEmpty {
        level[zone] = (
          .dmz,
          "reached from \(sources.joined(separator: ", ")) and itself opening into control zone(s) "
            + "\(control.joined(separator: ", ")): traffic terminates here (the OT DMZ)", .low
        )
      } else if !control.isEmpty {
        level[zone] = (.operations, "opens into control zone(s) \(control.joined(separator: ", "))", .low)
      } else {
        level[zone] = (.business, "no control protocol and no connection into a control zone", .low)
      }
    }

    var proposals: [ZoneProposal] = []
    for zone in zoneIDs {
      let networks = (members[zone] ?? []).sorted()
      let (purdue, levelReason, levelConfidence) = level[zone] ?? (.business, "no evidence", .low)
      let reasons = networks.compactMap { grouping[$0] }
      let groupingText = reasons.map(\.0).joined(separator: "; ")
      let groupingConfidence = reasons.map(\.1).max() ?? .low
      let target = SecurityLevelTarget(uniform: Self.placeholderLevel(purdue)) ?? .none
      let proposal = Zone(
        id: zone, purdue: purdue, securityLevelTarget: target, networks: networks,
        description: "Proposed: \(groupingText). Purdue \(purdue): \(levelReason).",
        locations: NodeLocations(entity: SourceLocation(file: "bulkhead.yaml")))
      proposals.append(
        ZoneProposal(
          zone: proposal, grouping: groupingText, groupingConfidence: groupingConfidence, levelReason: levelReason,
          levelConfidence: levelConfidence))
    }
    let order = Dictionary(zoneIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    assets.sort {
      let left = order[$0.asset.zone] ?? 0
      let right = order[$1.asset.zone] ?? 0
      if left != right { return left < right }
      return $0.asset.addresses.lexicographicallyPrecedes($1.asset.addresses)
    }

    // Conduits from the answered cross-zone services; everything else accounted for.
    var proposed: [(service: SeenService, tally: ServiceTally, conduit: String)] = []
    var withinZone: [(service: SeenService, tally: ServiceTally, zone: String)] = []
    var unproposed: [UnproposedService] = []
    struct FlowKey: Hashable, Comparable {
      var from: String
      var to: String
      var service: String
      static func < (a: FlowKey, b: FlowKey) -> Bool { (a.from, a.to, a.service) < (b.from, b.to, b.service) }
    }
    var conduitFlows: [String: [FlowKey: (Service, Set<OperationClass>)]] = [:]
    var conduitZones: [String: [String]] = [:]
    for (service, tally) in services {
      guard let fromAsset = assetOf[service.initiator], let toAsset = assetOf[service.responder],
        let from = zoneOf[service.initiator], let to = zoneOf[service.responder]
      else {
        let missing = [service.initiator, service.responder].filter { assetOf[$0] == nil }
        unproposed.append(
          UnproposedService(
            service: service, tally: tally,
            reason: "\(missing.map(\.description).joined(separator: " and ")) placed in no zone"))
        continue
      }
      if from == to {
        withinZone.append((service, tally, from))
        continue
      }
      guard tally.answeredFlows > 0 else {
        unproposed.append(
          UnproposedService(
            service: service, tally: tally,
            reason: "never answered (an attempt the path dropped, or a host that is down): no conduit proposed"))
        continue
      }
      guard let model = Self.modelService(service) else {
        unproposed.append(
          UnproposedService(service: service, tally: tally, reason: "\(service.spec) has no spelling in the model"))
        continue
      }
      let pair = [from, to].sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
      let id = pair.joined(separator: "-")
      conduitZones[id] = pair
      let key = FlowKey(from: fromAsset, to: toAsset, service: model.name)
      var entry = conduitFlows[id, default: [:]][key] ?? (model, [])
      entry.1.formUnion(tally.operationClasses)
      conduitFlows[id, default: [:]][key] = entry
      proposed.append((service, tally, id))
    }
    var conduits: [Conduit] = []
    for id in conduitFlows.keys.sorted(by: { Self.pairOrder(conduitZones[$0], conduitZones[$1], order) }) {
      let flows = (conduitFlows[id] ?? [:]).sorted { $0.key < $1.key }.map { key, value in
        ConduitFlow(
          from: .asset(key.from), to: .asset(key.to), services: [value.0], operations: value.1.sorted(),
          locations: NodeLocations(entity: SourceLocation(file: "bulkhead.yaml")))
      }
      let count = proposed.filter { $0.conduit == id }.reduce(0) { $0 + $1.tally.answeredFlows }
      conduits.append(
        Conduit(
          id: id, zones: conduitZones[id] ?? [], flows: flows,
          description: "Proposed from \(count) answered flow(s) observed; owner, justification and review date "
            + "are for a person to set.",
          locations: NodeLocations(entity: SourceLocation(file: "bulkhead.yaml"))))
    }

    // Captures the model can name: those inside the output directory.
    var patterns: [CapturePattern] = []
    var notReferenced: [String] = []
    for file in distinctFiles.sorted() {
      if let relative = Self.relativePath(of: file, inside: outputDirectory) {
        patterns.append(
          CapturePattern(
            pattern: relative, resolvedPattern: file, location: SourceLocation(file: "bulkhead.yaml")))
      } else {
        notReferenced.append(file)
      }
    }
    let plant = Plant(
      name: plantName, description: "Drafted by bulkhead discover from observed traffic; review every entry.",
      zones: proposals.map(\.zone), assets: assets.map(\.asset), conduits: conduits, captures: patterns)
    return DiscoveryDraft(
      plant: plant, zones: proposals, assets: assets, unplaced: unplaced, proposed: proposed,
      withinZone: withinZone, unproposed: unproposed, captures: captures, capturesNotReferenced: notReferenced,
      evidence: evidence, configs: configs, interfaces: candidates, configDiagnostics: configDiagnostics.sorted())
  }

  /// Puts the firewall interfaces' networks into the zones: a zone's subnet inside an interface network that holds
  /// no other zone's host or network is widened to it (the widest such network: what the rules expect behind that
  /// side); the networks overlapping no zone become zones of their own, one per interface, the interfaces with the
  /// fewest networks first (a leaf interface says more about one zone than a transit one), a network already in a
  /// zone made this way joining that zone.
  static func apply(
    _ candidates: inout [InterfaceCandidate], to members: inout [String: [IPNetwork]],
    grouping: inout [IPNetwork: (String, Confidence)], zoneOf: [IPAddress: String], usedIDs: inout Set<String>
  ) {
    guard !candidates.isEmpty else { return }
    let all = Set(candidates.flatMap(\.networks))
    for zone in members.keys.sorted() {
      var widened: [IPNetwork] = []
      var widenedFrom: [IPNetwork: [IPNetwork]] = [:]
      for subnet in members[zone] ?? [] {
        let valid = all.filter { network in
          network.contains(subnet)
            && !zoneOf.contains { $0.value != zone && network.contains($0.key) }
            && !members.contains { $0.key != zone && $0.value.contains { $0.overlaps(network) } }
        }
        guard let widest = valid.min(by: { ($0.prefixLength, $0) < ($1.prefixLength, $1) }), widest != subnet else {
          widened.append(subnet)
          continue
        }
        widenedFrom[widest, default: []].append(subnet)
        widened.append(widest)
      }
      for (widest, subnets) in widenedFrom {
        let sources = candidates.filter { $0.networks.contains(widest) }.map { "\($0.firewall) \($0.interface)" }
        let before = subnets.compactMap { grouping[$0] }
        let reasons = Set(before.map(\.0)).sorted()
        grouping[widest] = (
          (reasons.isEmpty ? "" : reasons.joined(separator: "; ") + "; ")
            + "\(subnets.sorted().map(\.description).joined(separator: ", ")) widened to \(widest), the network the "
            + "rules of \(sources.sorted().joined(separator: ", ")) bind to that side (it holds no other zone's host)",
          before.map(\.1).max() ?? .medium
        )
      }
      members[zone] = widened.filter { network in !widened.contains { $0 != network && $0.contains(network) } }
        .reduce(into: [IPNetwork]()) { if !$0.contains($1) { $0.append($1) } }
    }
    let order = candidates.indices.sorted {
      let (a, b) = (candidates[$0], candidates[$1])
      return (a.networks.count, a.firewall, a.interface) < (b.networks.count, b.firewall, b.interface)
    }
    for index in order {
      let candidate = candidates[index]
      var zones: Set<String> = []
      var own: [IPNetwork] = []
      for network in candidate.networks {
        if let zone = members.keys.sorted().first(where: { members[$0]?.contains { $0.overlaps(network) } ?? false }) {
          zones.insert(zone)
        } else {
          own.append(network)
        }
      }
      if !own.isEmpty {
        let id = unique(identifier("\(candidate.firewall)-\(candidate.interface)"), in: usedIDs)
        usedIDs.insert(id)
        members[id] = own
        for network in own {
          grouping[network] = (
            "the network the rules of \(candidate.firewall) bind to interface \(candidate.interface); no host of it "
              + "was seen", .low
          )
        }
        zones.insert(id)
      }
      candidates[index].zones = zones.sorted()
    }
  }

  private static func pairOrder(_ a: [String]?, _ b: [String]?, _ order: [String: Int]) -> Bool {
    let left = (a ?? []).map { order[$0] ?? 0 }
    let right = (b ?? []).map { order[$0] ?? 0 }
    return left.lexicographicallyPrecedes(right)
  }

  /// Why `address` is no host of a zone (multicast, broadcast, link-local …), nil when it is one.
  static func notAHost(_ address: IPAddress) -> String? {
    if address.family == .v4 {
      let value = address.v4Value
      if value == 0 { return "unspecified address 0.0.0.0" }
      if value == 0xFFFF_FFFF { return "limited broadcast" }
      if value >> 28 == 0xE { return "multicast group (RFC 5771), not a host" }
      if value >> 24 == 127 { return "loopback" }
      if value >> 16 == 0xA9FE { return "link-local (RFC 3927): no routed subnet to make a zone of" }
      if value & 0xFF == 0xFF { return "subnet broadcast of its /24, not a host" }
      return nil
    }
    if address.high >> 56 == 0xFF { return "IPv6 multicast group, not a host" }
    if address.high >> 54 == 0x3FA { return "IPv6 link-local (fe80::/10): no routed subnet to make a zone of" }
    if address.high == 0 && address.low <= 1 { return "IPv6 unspecified or loopback" }
    return nil
  }

  /// The zone candidate of a host: its /24 (IPv4) or /64 (IPv6).
  static func subnet(of address: IPAddress) -> IPNetwork {
    IPNetwork(address: address, prefixLength: address.family == .v4 ? 24 : 64)
  }

  /// The model service a seen service is: the catalog entry of its recognised application on its port, else the
  /// raw transport and port.
  static func modelService(_ service: SeenService) -> Service? {
    let catalog = ServiceCatalog.standard
    if let application = service.application {
      let named = catalog.services(ipProtocol: service.transport.number, port: service.port)
        .filter { $0.applicationProtocol == application }.sorted { $0.name < $1.name }
      if let first = named.first { return first }
    }
    if case .success(let raw) = ServiceCatalog.parseRaw(service.spec) { return raw }
    return nil
  }

  /// A capture file's name without directory and extension.
  static func stem(_ file: String) -> String {
    let name = (file as NSString).lastPathComponent
    return (name as NSString).deletingPathExtension
  }

  /// `text` as a model id: lower case, anything but letters, digits, `.`, `_` and `-` as `-`.
  static func identifier(_ text: String) -> String {
    String(
      text.lowercased().map { character -> Character in
        character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) ? character : "-"
      })
  }

  static func addressIdentifier(_ address: IPAddress) -> String {
    identifier(address.description.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: ":", with: "-"))
  }

  static func networkIdentifier(_ network: IPNetwork) -> String {
    "net-" + addressIdentifier(network.address) + "-" + String(network.prefixLength)
  }

  /// `base`, or `base-2`, `base-3` … the first not in `used`.
  static func unique(_ base: String, in used: Set<String>) -> String {
    guard used.contains(base) else { return base }
    var n = 2
    while used.contains("\(base)-\(n)") { n += 1 }
    return "\(base)-\(n)"
  }

  /// A placeholder SL-T by Purdue level (control 3, supervisory and DMZ 2, business 1), for a person to set.
  static func placeholderLevel(_ level: PurdueLevel) -> Int {
    if level.value <= 1 { return 3 }
    if level.value <= 3.5 { return 2 }
    return 1
  }

  /// `file` relative to `directory` when it lies inside it.
  static func relativePath(of file: String, inside directory: String) -> String? {
    let cwd = FileManager.default.currentDirectoryPath
    func absolute(_ path: String) -> String {
      let full = path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
      return (full as NSString).standardizingPath
    }
    let base = absolute(directory)
    let target = absolute(file)
    let prefix = base.hasSuffix("/") ? base : base + "/"
    guard target.hasPrefix(prefix) else { return nil }
    return String(target.dropFirst(prefix.count))
  }
}
