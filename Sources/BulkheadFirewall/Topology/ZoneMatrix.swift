import BulkheadModel

/// Zone-to-zone reachability through one or more firewalls, computed exactly over packet sets.
public final class ZoneMatrix {
  /// The topology.
  public let topology: ZoneTopology
  /// The packet space shared by every firewall of the topology.
  public let space: PacketSpace
  private var permittedCache: [Int: BDD.Node] = [:]

  /// Creates the matrix computer (the packet space knows every interface of every firewall).
  public init(topology: ZoneTopology) {
    self.topology = topology
    var names: [String] = []
    for fw in topology.firewalls { names.append(contentsOf: fw.interfaces.keys) }
    space = PacketSpace(rulesets: topology.firewalls.map(\.ruleset), extraInterfaces: names)
  }

  /// The packets firewall `index` lets through (cached).
  public func permitted(_ index: Int) -> BDD.Node {
    if let hit = permittedCache[index] { return hit }
    let fw = topology.firewalls[index]
    let set = PolicyEvaluator(space: space, ruleset: fw.ruleset).permitted(entry: fw.entry)
    permittedCache[index] = set
    return set
  }

  /// The set of packets from zone `source` to zone `destination` that every firewall on the path lets through,
  /// with interfaces projected away (each firewall has its own).
  public func allowed(from source: String, to destination: String) -> (
    set: BDD.Node, whole: BDD.Node, firewalls: [String]
  ) {
    let bdd = space.bdd
    let layout = space.layout
    let sources = (topology.zones[source] ?? []).map(AddressRange.init)
    let destinations = (topology.zones[destination] ?? []).map(AddressRange.init)
    // New connections only: return traffic of an allowed flow is not a service of its own.
    var whole = ReachabilityAnalyzer(space: space).restrict(space.universe, from: sources, to: destinations)
    if sources.isEmpty || destinations.isEmpty { whole = BDD.falseNode }
    let interfaceBlocks = layout.inInterface.lowerBound..<layout.outInterface.upperBound
    whole = bdd.exists(whole, drop: interfaceBlocks)
    var set = whole
    var names: [String] = []
    for hop in topology.path(from: source, to: destination) {
      let ins = Set(hop.in.map(space.interfaces.classOf))
      let outs = Set(hop.out.map(space.interfaces.classOf))
      var through = bdd.and(permitted(hop.firewall), space.interfaceClasses(ins, input: true))
      through = bdd.and(through, space.interfaceClasses(outs, input: false))
      set = bdd.and(set, bdd.exists(through, drop: interfaceBlocks))
      names.append(topology.firewalls[hop.firewall].name)
      if set == BDD.falseNode { break }
    }
    return (set, whole, names)
  }

  /// Every ordered pair of distinct zones, sorted by zone id.
  public func compute() -> [ZonePairReach] {
    let analyzer = ReachabilityAnalyzer(space: space)
    var cells: [ZonePairReach] = []
    let ids = topology.zones.keys.sorted()
    for a in ids {
      for b in ids where a != b {
        let (set, whole, names) = allowed(from: a, to: b)
        // Interfaces were projected away (each firewall has its own); the witness names none.
        let services = analyzer.services(set, whole: whole).map { line -> ServiceSummary in
          var line = line
          line.witness.inInterface = nil
          line.witness.outInterface = nil
          return line
        }
        cells.append(ZonePairReach(from: a, to: b, firewalls: names, services: services))
      }
    }
    return cells
  }
}
