import BulkheadCapture
import BulkheadFirewall
import BulkheadModel

/// The configured view: the plant's enforcement points as the firewall stage parses them (`PlantFirewalls`), the
/// zone matrix computed exactly over packet sets, and the questions the reconciler asks of it (which rules decide a
/// packet, what a declared flow's packets become).
final class FirewallView {
  /// A concrete packet's fate on the path between two zones.
  struct PathVerdict {
    var verdict: ObservedFlowFacts.ConfiguredVerdict
    var rules: [FirewallRuleReference]
  }

  let plant: Plant
  let firewalls: PlantFirewalls
  let matrix: ZoneMatrix?

  init(plant: Plant) {
    self.plant = plant
    firewalls = PlantFirewalls(plant: plant)
    matrix = firewalls.topology.firewalls.isEmpty ? nil : ZoneMatrix(topology: firewalls.topology)
  }

  /// The view of already parsed firewalls whose matrix works in `space` (shared with another view, so that their
  /// packet sets compare node for node).
  init(plant: Plant, firewalls: PlantFirewalls, space: PacketSpace) {
    self.plant = plant
    self.firewalls = firewalls
    matrix = firewalls.topology.firewalls.isEmpty ? nil : ZoneMatrix(topology: firewalls.topology, space: space)
  }

  /// Every parser diagnostic, and a note for each enforcement point without a usable config.
  var diagnostics: [Diagnostic] { firewalls.diagnostics }

  /// The parsed ruleset of an enforcement point, nil when its config is missing or failed.
  func ruleset(of point: String) -> Ruleset? {
    firewalls.topology.firewalls.first { $0.name == point }?.ruleset
  }

  /// Whether every enforcement point that faces both zones through different interfaces was parsed.
  func pathKnown(from source: String, to destination: String) -> Bool {
    firewalls.unknownHops(from: source, to: destination).isEmpty
  }

  /// The firewalls on the path with the interfaces the packet enters and leaves by.
  func hops(from source: String, to destination: String) -> [(firewall: Int, in: [String], out: [String])] {
    firewalls.topology.path(from: source, to: destination)
  }

  /// Runs one packet (a new connection) through every firewall between its zones; the first deny decides.
  func verdict(
    source: IPAddress, destination: IPAddress, transport: TransportProtocol, sourcePort: UInt16,
    destinationPort: UInt16
  ) -> PathVerdict {
    let isICMP = transport == .icmp || transport == .icmpv6
    let packet = Packet(
      source: source, destination: destination, proto: transport.number, sourcePort: sourcePort,
      destinationPort: destinationPort, icmpType: isICMP ? 8 : 0, state: .new)
    let trace = firewalls.trace(packet, recordingPath: false)
    let rules = trace.hops.map { hop in
      reference(firewall: hop.firewall, ruleset: ruleset(of: hop.firewall), result: hop.result)
    }
    switch trace.outcome {
    case .allowed: return PathVerdict(verdict: .allowed, rules: rules)
    case .denied: return PathVerdict(verdict: .denied, rules: rules)
    case .notFiltered: return PathVerdict(verdict: .notFiltered, rules: rules)
    case .unknown: return PathVerdict(verdict: .unknown, rules: rules)
    }
  }

  /// The evidence reference for a trace result: the deciding rule, or the chain policy that decided.
  func reference(firewall: String, ruleset: Ruleset?, result: TraceResult) -> FirewallRuleReference {
    if let rule = result.rule { return Self.reference(firewall: firewall, rule) }
    for table in ruleset?.tables ?? [] {
      if let chain = table.chain(named: result.chain), let provenance = chain.provenance {
        return FirewallRuleReference(
          firewall: firewall, location: SourceLocation(file: provenance.file, line: provenance.line),
          text: chain.implicitPolicy ?? "\(result.chain) policy \(result.verdict == .deny ? "drop" : "accept")")
      }
    }
    return FirewallRuleReference(
      firewall: firewall, location: SourceLocation(file: ruleset?.file ?? firewall),
      text: "\(result.chain) default \(result.verdict == .deny ? "drop" : "accept")")
  }

  /// The evidence reference of one rule: where it was written (the `nft -f` source line when the export maps back
  /// to it, else the export's line, else its handle), with its text and comment.
  static func reference(firewall: String, _ rule: Provenance) -> FirewallRuleReference {
    let location = rule.source ?? SourceLocation(file: rule.file, line: rule.line)
    var text = rule.comment.map { "\(rule.text)  (\($0))" } ?? rule.text
    if rule.source == nil, rule.line == 0, let handle = rule.handle { text = "handle \(handle): " + text }
    return FirewallRuleReference(firewall: firewall, location: location, text: text)
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
        destinationPort: w.destinationPort)
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
