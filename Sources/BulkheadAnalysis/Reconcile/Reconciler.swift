import BulkheadCapture
import BulkheadFirewall
import BulkheadModel

/// Puts the three views side by side: for every ordered zone pair, what the model declares, what the firewalls permit
/// (exactly, over packet sets) and what the captures show (the observed traffic, reconciled flow by flow as the
/// captures were read: see ``TrafficReconciler``).
struct Reconciler {
  let plant: Plant
  let firewalls: FirewallView

  /// One record per ordered pair of distinct zones.
  func zonePairs(observed: [ObservedTraffic]) -> [ZonePairRecord] {
    let zones = plant.zones.map(\.id)
    var records: [ZonePairRecord] = []
    for from in zones {
      for to in zones where from != to {
        records.append(zonePair(from: from, to: to, observed: observed))
      }
    }
    return records
  }

  private func zonePair(from: String, to: String, observed: [ObservedTraffic]) -> ZonePairRecord {
    let known = firewalls.pathKnown(from: from, to: to)
    let hops = firewalls.hops(from: from, to: to)
    let flowsHere = observed.filter { $0.key.initiatorZone == from && $0.key.responderZone == to }
    var record = ZonePairRecord(from: from, to: to, observed: flowsHere, configurationKnown: known)
    guard let matrix = firewalls.matrix, known, !hops.isEmpty else {
      record.declared = declaredFacts(from: from, to: to, allowed: nil, hops: hops, observed: flowsHere)
      return record
    }
    let (allowed, whole, _) = matrix.allowed(from: from, to: to)
    let bdd = matrix.space.bdd
    record.permitted = firewalls.services(allowed, whole: whole, from: from, to: to)
    var declaredSet = BDD.falseNode
    for (_, flow) in flows(from: from, to: to) {
      declaredSet = bdd.or(
        declaredSet,
        firewalls.declaredSet(
          sourceNetworks: plant.networks(of: flow.from), destinationNetworks: plant.networks(of: flow.to),
          services: flow.services))
    }
    let undeclared = bdd.diff(allowed, declaredSet)
    record.undeclared = firewalls.services(undeclared, whole: bdd.diff(whole, declaredSet), from: from, to: to)
    record.declared = declaredFacts(from: from, to: to, allowed: allowed, hops: hops, observed: flowsHere)
    return record
  }

  /// The declared flows whose initiator side lies in `from` and responder side in `to`.
  func flows(from: String, to: String) -> [(Conduit, ConduitFlow)] {
    plant.conduits.flatMap { conduit in
      conduit.flows.filter { flow in
        plant.zones(of: flow.from).contains(from) && plant.zones(of: flow.to).contains(to)
      }.map { (conduit, $0) }
    }
  }

  private func declaredFacts(
    from: String, to: String, allowed: BDD.Node?, hops: [(firewall: Int, in: [String], out: [String])],
    observed: [ObservedTraffic]
  ) -> [DeclaredFlowFacts] {
    plant.conduits.flatMap { conduit in
      conduit.flows.enumerated().compactMap { index, flow -> DeclaredFlowFacts? in
        guard plant.zones(of: flow.from).contains(from), plant.zones(of: flow.to).contains(to) else { return nil }
        let fromZone = plant.zone(id: from)
        let toZone = plant.zone(id: to)
        let sources = plant.networks(of: flow.from).filter { net in
          fromZone?.networks.contains { $0.overlaps(net) } ?? false
        }
        let destinations = plant.networks(of: flow.to).filter { net in
          toZone?.networks.contains { $0.overlaps(net) } ?? false
        }
        let spans = flow.services.flatMap { service in
          service.ranges.map { ServiceSpan(TransportProtocol(number: $0.ipProtocol), ports: $0.ports) }
        }
        let summary = "\(flow.from) → \(flow.to) " + flow.services.map(\.name).joined(separator: ", ")
        var facts = DeclaredFlowFacts(
          conduit: conduit.id, flowIndex: index, summary: summary, location: flow.location, fromZone: from,
          toZone: to, spans: spans, coverage: .unknown,
          observedFlows: observed.filter { $0.key.conduit == conduit.id && $0.key.conduitFlowIndex == index }
            .reduce(0) { $0 + $1.flows.flows })
        guard let allowed, let space = firewalls.matrix?.space else {
          facts.coverage = hops.isEmpty && firewalls.pathKnown(from: from, to: to) ? .unenforced : .unknown
          return facts
        }
        let bdd = space.bdd
        let wanted = firewalls.declaredSet(
          sourceNetworks: sources, destinationNetworks: destinations, services: flow.services)
        let dropped = bdd.diff(wanted, allowed)
        // A firewall narrower than the declaration (named hosts where the conduit says "zone") is good practice, not
        // a lie: the flow counts as allowed when every declared service gets through for some of its hosts.
        let everyServicePasses = flow.services.allSatisfy { service in
          let one = firewalls.declaredSet(
            sourceNetworks: sources, destinationNetworks: destinations, services: [service])
          return one == BDD.falseNode || bdd.and(one, allowed) != BDD.falseNode
        }
        if wanted == BDD.falseNode || dropped == BDD.falseNode || everyServicePasses {
          facts.coverage = .allowed
        } else {
          facts.coverage = dropped == wanted ? .blocked : .partial
          if let w = space.witness(dropped) {
            let transport = TransportProtocol(number: w.proto)
            facts.blockedWitness = WitnessPacket(
              source: w.source, destination: w.destination, transport: transport,
              sourcePort: transport.hasPorts ? w.sourcePort : nil,
              destinationPort: transport.hasPorts ? w.destinationPort : nil)
            let path = firewalls.verdict(
              source: w.source, destination: w.destination, transport: transport, sourcePort: w.sourcePort,
              destinationPort: w.destinationPort)
            facts.blockingRules = path.rules
          }
        }
        return facts
      }
    }
  }
}
