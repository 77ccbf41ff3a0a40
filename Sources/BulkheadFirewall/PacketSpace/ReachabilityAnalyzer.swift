import BulkheadModel

/// Summarizes exact packet sets as compact services (protocol + destination port or ICMP type ranges) with one
/// witness packet each.
public struct ReachabilityAnalyzer {
  /// The space the sets live in.
  public let space: PacketSpace

  /// Creates an analyzer.
  public init(space: PacketSpace) {
    self.space = space
  }

  /// The packets of `permitted` from `sources` to `destinations` (empty lists mean any address of both families)
  /// in the given conntrack states (default: new connections only; return traffic is not a service).
  public func restrict(
    _ permitted: BDD.Node, from sources: [AddressRange], to destinations: [AddressRange],
    states: Set<ConnectionState> = [.new]
  ) -> BDD.Node {
    let bdd = space.bdd
    var set = permitted
    var stateSet = BDD.falseNode
    for s in states { stateSet = bdd.or(stateSet, space.value(UInt64(s.code), in: space.layout.state)) }
    set = bdd.and(set, stateSet)
    if !sources.isEmpty { set = bdd.and(set, space.addresses(sources, source: true)) }
    if !destinations.isEmpty { set = bdd.and(set, space.addresses(destinations, source: false)) }
    return set
  }

  /// Summarizes a set of packets; `whole` is the set it is compared with for the "any" line (e.g. every packet
  /// between the two address sets). Both must hold only well-formed packets (subsets of ``PacketSpace/universe``),
  /// as every set the evaluator and ``restrict(_:from:to:states:)`` produce does.
  public func services(_ set: BDD.Node, whole: BDD.Node? = nil) -> [ServiceSummary] {
    let bdd = space.bdd
    let layout = space.layout
    if set == BDD.falseNode { return [] }
    // Canonical diagrams: "everything in `whole` is allowed" is a node comparison (set ⊆ whole by construction).
    if let whole, bdd.and(set, whole) == whole, let w = space.witness(set, withinUniverse: true) {
      return [ServiceSummary(protocols: 0...255, isAnything: true, witness: w)]
    }
    // Every service (all protocols, ports, ICMP types) for at least some of the addresses: one line, not thirty.
    let serviceBlocks = [
      layout.family..<(layout.family + 1), layout.proto, layout.destinationPort, layout.icmpType,
    ]
    if bdd.project(set, keep: serviceBlocks) == bdd.project(space.universe, keep: serviceBlocks),
      let w = space.witness(set, withinUniverse: true)
    {
      return [ServiceSummary(protocols: 0...255, isAnything: true, witness: w)]
    }
    var lines: [ServiceSummary] = []
    let protoSet = bdd.project(set, keep: layout.proto)
    var others: [UInt8] = []
    for interval in bdd.intervals(protoSet, start: layout.proto.lowerBound, width: 8) {
      for p64 in interval {
        let p = UInt8(truncatingIfNeeded: p64)
        let perProto = bdd.and(set, space.value(UInt64(p), in: layout.proto))
        if Match.portProtocols.contains(p) {
          let ports = bdd.project(perProto, keep: layout.destinationPort)
          for r in bdd.intervals(ports, start: layout.destinationPort.lowerBound, width: 16) {
            let slice = bdd.and(perProto, space.range(r.lowerBound, r.upperBound, in: layout.destinationPort))
            guard let w = space.witness(slice, withinUniverse: true) else { continue }
            lines.append(
              ServiceSummary(
                protocols: p...p,
                ports: UInt16(truncatingIfNeeded: r.lowerBound)...UInt16(truncatingIfNeeded: r.upperBound), witness: w))
          }
        } else if p == 1 || p == 58 {
          // ICMP only exists as such in its own family; protocol 1 over IPv6 is just another protocol number.
          let icmpFamily = space.family(p == 1 ? .v4 : .v6)
          if bdd.diff(perProto, icmpFamily) != BDD.falseNode { others.append(p) }
          let perICMP = bdd.and(perProto, icmpFamily)
          if perICMP == BDD.falseNode { continue }
          let types = bdd.project(perICMP, keep: layout.icmpType)
          for r in bdd.intervals(types, start: layout.icmpType.lowerBound, width: 8) {
            let slice = bdd.and(perICMP, space.range(r.lowerBound, r.upperBound, in: layout.icmpType))
            guard let w = space.witness(slice, withinUniverse: true) else { continue }
            lines.append(
              ServiceSummary(
                protocols: p...p,
                icmpTypes: UInt8(truncatingIfNeeded: r.lowerBound)...UInt8(truncatingIfNeeded: r.upperBound),
                witness: w))
          }
        } else {
          others.append(p)
        }
      }
    }
    // Other protocols are summarized as runs of protocol numbers.
    var index = 0
    while index < others.count {
      var end = index
      while end + 1 < others.count, others[end + 1] == others[end] &+ 1 { end += 1 }
      let run = others[index]...others[end]
      var slice = bdd.and(set, space.range(UInt64(run.lowerBound), UInt64(run.upperBound), in: layout.proto))
      // Leave out the ICMP-of-its-family packets already listed by type.
      slice = bdd.diff(slice, bdd.and(space.protocols([1]), space.family(.v4)))
      slice = bdd.diff(slice, bdd.and(space.protocols([58]), space.family(.v6)))
      if let w = space.witness(slice, withinUniverse: true) { lines.append(ServiceSummary(protocols: run, witness: w)) }
      index = end + 1
    }
    return lines
  }
}
