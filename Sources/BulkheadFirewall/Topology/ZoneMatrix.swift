import BulkheadModel

/// Zone-to-zone reachability through one or more firewalls, computed exactly over packet sets.
public final class ZoneMatrix {
  /// The topology.
  public let topology: ZoneTopology
  /// The packet space shared by every firewall of the topology.
  public let space: PacketSpace
  private var permittedCache: [Int: BDD.Node] = [:]
  private lazy var newConnections: BDD.Node = {
    // Every well-formed new-connection packet, interfaces projected away (computed once, not per zone pair).
    let analyzer = ReachabilityAnalyzer(space: space)
    return space.bdd.exists(analyzer.restrict(space.universe, from: [], to: []), drop: space.layout.interfaces)
  }()

  /// Creates the matrix computer (the packet space knows every interface of every firewall); its diagrams may use
  /// up to `memoryLimit` bytes (``PacketSpace/overBudget`` says when an answer needed more).
  public init(topology: ZoneTopology, memoryLimit: Int = PacketSpace.defaultMemoryLimit) {
    self.topology = topology
    var names: [String] = []
    for fw in topology.firewalls { names.append(contentsOf: fw.interfaces.keys) }
    space = PacketSpace(
      rulesets: topology.firewalls.map(\.ruleset), extraInterfaces: names, memoryLimit: memoryLimit)
  }

  /// Creates the matrix computer over a space shared with other matrices (which must know every interface pattern
  /// and name of this topology), so that their sets can be compared node for node: today's rulesets beside a
  /// proposed change.
  public init(topology: ZoneTopology, space: PacketSpace) {
    self.topology = topology
    self.space = space
  }

  /// The packets firewall `index` lets through (cached).
  public func permitted(_ index: Int) -> BDD.Node {
    if let hit = permittedCache[index] { return hit }
    let fw = topology.firewalls[index]
    // Not intersected with the universe here: every zone-pair query intersects with well-formed new connections.
    let set = PolicyEvaluator(space: space, ruleset: fw.ruleset).permitted(entry: fw.entry, input: BDD.trueNode)
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
    var whole = BDD.falseNode
    let endpoints = bdd.and(space.addresses(destinations, source: false), space.addresses(sources, source: true))
    if !sources.isEmpty && !destinations.isEmpty { whole = bdd.and(endpoints, newConnections) }
    var set = whole
    var names: [String] = []
    for hop in topology.path(from: source, to: destination) {
      // Interfaces sit at the top of the variable order: fixing them is a cofactor, and it removes them.
      var through = BDD.falseNode
      for i in Set(hop.in.map(space.interfaces.classOf)) {
        let entering = bdd.cofactor(permitted(hop.firewall), block: layout.inInterface, value: UInt64(i))
        for o in Set(hop.out.map(space.interfaces.classOf)) {
          through = bdd.or(through, bdd.cofactor(entering, block: layout.outInterface, value: UInt64(o)))
        }
      }
      names.append(topology.firewalls[hop.firewall].name)
      // Every firewall on the path is named, even after one has already blocked everything.
      if set != BDD.falseNode { set = bdd.and(set, through) }
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
