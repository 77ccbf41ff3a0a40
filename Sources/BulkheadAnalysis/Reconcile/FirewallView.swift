import BulkheadCapture
import BulkheadFirewall
import BulkheadModel

/// The configured view: every enforcement point's config parsed into the vendor-independent IR, the zone matrix
/// computed exactly over packet sets, and the questions the reconciler asks of it (which rules decide a packet, what
/// a declared flow's packets become).
final class FirewallView {
  /// A parsed enforcement point.
  struct Point {
    var model: BulkheadModel.EnforcementPoint
    var ruleset: Ruleset?
    var diagnostics: [Diagnostic]
  }

  /// A concrete packet's fate on the path between two zones.
  struct PathVerdict {
    var verdict: ObservedFlowFacts.ConfiguredVerdict
    var rules: [FirewallRuleReference]
  }

  let plant: Plant
  let points: [Point]
  let matrix: ZoneMatrix?
  private let topology: ZoneTopology
  /// Index in `topology.firewalls` → index in `points`.
  private let parsedIndex: [Int]

  init(plant: Plant) {
    self.plant = plant
    var points: [Point] = []
    var firewalls: [BulkheadFirewall.EnforcementPoint] = []
    var parsedIndex: [Int] = []
    for point in plant.enforcementPoints {
      guard let path = point.configPath else {
        points.append(Point(model: point, ruleset: nil, diagnostics: []))
        continue
      }
      let vendor: Vendor? =
        switch point.vendor {
        case .iptables: .iptables
        case .nftables: .nftables
        case .other: nil
        }
      let result = FirewallParser.parse(contentsOf: path, vendor: vendor)
      points.append(Point(model: point, ruleset: result.ruleset, diagnostics: result.diagnostics))
      if let ruleset = result.ruleset {
        firewalls.append(.init(name: point.id, ruleset: ruleset, interfaces: point.interfaces))
        parsedIndex.append(points.count - 1)
      }
    }
    var zones: [String: [IPNetwork]] = [:]
    for zone in plant.zones { zones[zone.id] = zone.networks }
    topology = ZoneTopology(zones: zones, firewalls: firewalls)
    matrix = firewalls.isEmpty ? nil : ZoneMatrix(topology: topology)
    self.points = points
    self.parsedIndex = parsedIndex
  }

  /// Whether every enforcement point that faces both zones through different interfaces was parsed.
  func pathKnown(from source: String, to destination: String) -> Bool {
    points.allSatisfy { point in
      let ins = point.model.interfaces(facing: source)
      let outs = point.model.interfaces(facing: destination)
      let onPath = !ins.isEmpty && !outs.isEmpty && Set(ins) != Set(outs)
      return !onPath || point.ruleset != nil
    }
  }

  /// The firewalls on the path with the interfaces the packet enters and leaves by.
  func hops(from source: String, to destination: String) -> [(firewall: Int, in: [String], out: [String])] {
    topology.path(from: source, to: destination)
  }

  /// Runs one packet through every firewall between the zones; the first deny decides.
  func verdict(
    source: IPAddress, destination: IPAddress, transport: TransportProtocol, sourcePort: UInt16,
    destinationPort: UInt16, from sourceZone: String, to destinationZone: String
  ) -> PathVerdict {
    let hops = hops(from: sourceZone, to: destinationZone)
    guard pathKnown(from: sourceZone, to: destinationZone) else { return PathVerdict(verdict: .unknown, rules: []) }
    if hops.isEmpty { return PathVerdict(verdict: .notFiltered, rules: []) }
    var rules: [FirewallRuleReference] = []
    for hop in hops {
      let fw = topology.firewalls[hop.firewall]
      let packet = Packet(
        source: source, destination: destination, proto: transport.number, sourcePort: sourcePort,
        destinationPort: destinationPort, icmpType: transport == .icmp || transport == .icmpv6 ? 8 : 0,
        inInterface: hop.in.first, outInterface: hop.out.first, state: .new)
      let result = Tracer(ruleset: fw.ruleset).trace(packet, entry: fw.entry)
      rules.append(reference(firewall: fw.name, ruleset: fw.ruleset, result: result))
      if result.verdict == .deny { return PathVerdict(verdict: .denied, rules: rules) }
    }
    return PathVerdict(verdict: .allowed, rules: rules)
  }

  /// The evidence reference for a trace result: the deciding rule, or the chain policy that decided.
  func reference(firewall: String, ruleset: Ruleset, result: TraceResult) -> FirewallRuleReference {
    if let rule = result.rule {
      return FirewallRuleReference(
        firewall: firewall, location: SourceLocation(file: rule.file, line: rule.line),
        text: rule.comment.map { "\(rule.text)  (\($0))" } ?? rule.text)
    }
    for table in ruleset.tables {
      if let chain = table.chain(named: result.chain), let provenance = chain.provenance {
        return FirewallRuleReference(
          firewall: firewall, location: SourceLocation(file: provenance.file, line: provenance.line),
          text: "\(result.chain) policy \(result.verdict == .deny ? "drop" : "accept")")
      }
    }
    return FirewallRuleReference(
      firewall: firewall, location: SourceLocation(file: ruleset.file),
      text: "\(result.chain) default \(result.verdict == .deny ? "drop" : "accept")")
  }

  // MARK: Packet sets

  /// The packets of a declared flow from `sourceNetworks` to `destinationNetworks` over `services`, new connections.
  func declaredSet(
    sourceNetworks: [IPNetwork], destinationNetworks: [IPNetwork], services: [Service]
  ) -> BDD.Node {
    guard let space = matrix?.space else { return BDD.falseNode }
    let bdd = space.bdd
    var serviceSet = BDD.falseNode
    for service in services {
      for range in service.ranges {
        var one = space.protocols([range.ipProtocol])
        if ServiceRange.hasPorts(range.ipProtocol) && range.ports != .all {
          one = bdd.and(
            one,
            space.range(UInt64(range.ports.lower), UInt64(range.ports.upper), in: space.layout.destinationPort))
        }
        serviceSet = bdd.or(serviceSet, one)
      }
    }
    let analyzer = ReachabilityAnalyzer(space: space)
    let restricted = analyzer.restrict(
      serviceSet, from: sourceNetworks.map(AddressRange.init), to: destinationNetworks.map(AddressRange.init))
    if sourceNetworks.isEmpty || destinationNetworks.isEmpty { return BDD.falseNode }
    // Only well-formed packets (the universe: e.g. no ICMP type bits on a TCP packet) can be declared.
    let projected = bdd.exists(
      restricted, drop: space.layout.inInterface.lowerBound..<space.layout.outInterface.upperBound)
    return bdd.and(
      projected,
      bdd.exists(space.universe, drop: space.layout.inInterface.lowerBound..<space.layout.outInterface.upperBound))
  }

  /// Compact services of a packet set, each with the accepting rule of every firewall on the path for its witness.
  func services(_ set: BDD.Node, whole: BDD.Node, from source: String, to destination: String) -> [PermittedService] {
    guard let space = matrix?.space else { return [] }
    let summaries = ReachabilityAnalyzer(space: space).services(set, whole: whole)
    return summaries.map { summary in
      let w = summary.witness
      let transport = TransportProtocol(number: w.proto)
      let witness = WitnessPacket(
        source: w.source, destination: w.destination, transport: transport,
        sourcePort: transport.hasPorts ? w.sourcePort : nil,
        destinationPort: transport.hasPorts ? w.destinationPort : nil)
      let path = verdict(
        source: w.source, destination: w.destination, transport: transport, sourcePort: w.sourcePort,
        destinationPort: w.destinationPort, from: source, to: destination)
      var span: ServiceSpan? = nil
      if !summary.isAnything, summary.protocols.lowerBound == summary.protocols.upperBound {
        span = ServiceSpan(
          transport, ports: summary.ports.map { PortRange(lower: $0.lowerBound, upper: $0.upperBound) })
      }
      return PermittedService(
        service: summary.service, span: span, witness: witness, rules: path.rules)
    }
  }
}
