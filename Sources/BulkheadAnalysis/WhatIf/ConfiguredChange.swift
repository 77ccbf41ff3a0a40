import BulkheadCapture
import BulkheadFirewall
import BulkheadModel

/// Today's and the proposed firewalls of a plant, parsed, with their zone matrices in one packet space so that
/// their sets compare node for node: the exact difference per zone pair.
final class ConfiguredChange {
  /// Today's configured view.
  let before: FirewallView
  /// The proposed configured view.
  let after: FirewallView
  private let space: PacketSpace

  init(before plant: Plant, after proposed: Plant, memoryLimit: Int = PacketSpace.defaultMemoryLimit) {
    let today = PlantFirewalls(plant: plant)
    let tomorrow = PlantFirewalls(plant: proposed)
    let placed = today.topology.firewalls + tomorrow.topology.firewalls
    space = PacketSpace(
      rulesets: placed.map(\.ruleset), extraInterfaces: placed.flatMap(\.interfaces.keys), memoryLimit: memoryLimit)
    before = FirewallView(plant: plant, firewalls: today, space: space)
    after = FirewallView(plant: proposed, firewalls: tomorrow, space: space)
  }

  /// The change of every ordered pair of distinct zones whose configured packets differ, in model zone order; a
  /// pair whose path cannot be evaluated on either side is left out (its declared flows say `unknown`).
  func zonePairs() throws(WhatIfError) -> [ZonePairChange] {
    guard let beforeMatrix = before.matrix, let afterMatrix = after.matrix else { return [] }
    let bdd = space.bdd
    let zones = before.plant.zones.map(\.id)
    var changes: [ZonePairChange] = []
    for from in zones {
      for to in zones where from != to {
        guard before.pathKnown(from: from, to: to), after.pathKnown(from: from, to: to),
          !before.hops(from: from, to: to).isEmpty
        else { continue }
        let (today, whole, _) = beforeMatrix.allowed(from: from, to: to)
        let (proposed, _, _) = afterMatrix.allowed(from: from, to: to)
        if today == proposed { continue }
        let opened = bdd.diff(proposed, today)
        let closed = bdd.diff(today, proposed)
        var change = ZonePairChange(from: from, to: to)
        // The accepting rules of the side that lets the packets through; the other side's deciding rules beside.
        change.newlyAllowed = after.services(opened, whole: whole, from: from, to: to).map { line in
          PacketSetChange(
            service: line.service, witness: line.witness, rulesBefore: rules(before, line.witness),
            rulesAfter: line.rules)
        }.sorted()
        change.newlyDenied = before.services(closed, whole: whole, from: from, to: to).map { line in
          PacketSetChange(
            service: line.service, witness: line.witness, rulesBefore: line.rules,
            rulesAfter: rules(after, line.witness))
        }.sorted()
        changes.append(change)
      }
    }
    if let refusal = space.overBudget { throw .overBudget(memoryLimit: refusal.memoryLimit) }
    return changes
  }

  /// The deciding rule of each firewall on the path for one witness packet.
  private func rules(_ view: FirewallView, _ witness: WitnessPacket) -> [FirewallRuleReference] {
    view.verdict(
      source: witness.source, destination: witness.destination, transport: witness.transport,
      sourcePort: witness.sourcePort ?? 0, destinationPort: witness.destinationPort ?? 0
    ).rules
  }
}
