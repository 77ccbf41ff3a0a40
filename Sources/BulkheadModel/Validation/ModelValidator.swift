import Foundation

/// Checks a plant for the mistakes a reviewer would catch: dangling references, duplicate ids, overlapping zones,
/// misplaced assets, conduits that break the DMZ rule, overdue reviews, missing files.
///
/// Each check reports with a stable ``DiagnosticCode`` at the exact value it is about.
public struct ModelValidator: Sendable {
  /// The day review dates are compared with.
  public var today: CalendarDate
  /// Whether to check that configuration files and captures exist (off for pure in-memory checks).
  public var checkFiles: Bool

  /// Creates a validator.
  public init(today: CalendarDate = .today(), checkFiles: Bool = true) {
    self.today = today
    self.checkFiles = checkFiles
  }

  /// Every problem found in `plant`, sorted.
  public func validate(_ plant: Plant) -> [Diagnostic] {
    var out: [Diagnostic] = []
    checkIdentity(plant, into: &out)
    checkZones(plant, into: &out)
    checkAssets(plant, into: &out)
    checkGroups(plant, into: &out)
    checkConduits(plant, into: &out)
    checkEnforcementPoints(plant, into: &out)
    checkCaptures(plant, into: &out)
    if checkFiles { checkFilesExist(plant, into: &out) }
    return out.sorted()
  }

  // MARK: Identity

  /// Ids of zones, assets and groups share one namespace (flow endpoints name any of them); conduits and
  /// enforcement points each have their own.
  func checkIdentity(_ plant: Plant, into out: inout [Diagnostic]) {
    var seen: [String: (kind: String, location: SourceLocation)] = [:]
    func claim(_ id: String, kind: String, locations: NodeLocations) {
      let location = locations.fields["id"] ?? locations.entity
      if let first = seen[id] {
        out.append(
          Diagnostic(
            .duplicateID, "\(kind) id '\(id)' is already used by the \(first.kind) at \(first.location)", at: location))
      } else {
        seen[id] = (kind, location)
      }
    }
    for zone in plant.zones { claim(zone.id, kind: "zone", locations: zone.locations) }
    for asset in plant.assets { claim(asset.id, kind: "asset", locations: asset.locations) }
    for group in plant.groups { claim(group.id, kind: "group", locations: group.locations) }
    seen = [:]
    for conduit in plant.conduits { claim(conduit.id, kind: "conduit", locations: conduit.locations) }
    seen = [:]
    for point in plant.enforcementPoints { claim(point.id, kind: "enforcement point", locations: point.locations) }
  }

  // MARK: Zones

  func checkZones(_ plant: Plant, into out: inout [Diagnostic]) {
    var claimed: [(zone: String, position: Int, network: IPNetwork)] = []
    for (position, zone) in plant.zones.enumerated() {
      if zone.networks.isEmpty {
        out.append(
          Diagnostic(
            .zoneWithoutNetworks, "zone '\(zone.id)' has no networks; no address can be placed in it", at: zone.location
          ))
      }
      for (index, network) in zone.networks.enumerated() {
        if let other = claimed.first(where: { $0.network.overlaps(network) }) {
          let same = other.position == position ? "another network of the same zone" : "zone '\(other.zone)'"
          out.append(
            Diagnostic(
              .overlappingNetworks, "network \(network) of zone '\(zone.id)' overlaps \(other.network) of \(same)",
              at: zone.locations.of("networks", index: index)))
        }
        claimed.append((zone.id, position, network))
      }
    }
  }

  // MARK: Assets

  func checkAssets(_ plant: Plant, into out: inout [Diagnostic]) {
    var owners: [IPAddress: String] = [:]
    for asset in plant.assets {
      let zone: Zone?
      if asset.zone.isEmpty {
        zone = nil
        let addresses = asset.addresses.map(\.description).joined(separator: ", ")
        let why = asset.addresses.isEmpty ? "no address" : "no zone contains \(addresses)"
        out.append(
          Diagnostic(.assetWithoutZone, "asset '\(asset.id)' has no zone and \(why); add 'zone:'", at: asset.location))
      } else if let found = plant.zone(id: asset.zone) {
        zone = found
      } else {
        zone = nil
        out.append(
          Diagnostic(
            .unknownZone, "asset '\(asset.id)' is in unknown zone '\(asset.zone)'", at: asset.locations.of("zone")))
      }
      for (index, address) in asset.addresses.enumerated() {
        let location = asset.locations.of("addresses", index: index)
        if let owner = owners[address] {
          out.append(
            Diagnostic(
              .duplicateAddress, "address \(address) of asset '\(asset.id)' is already asset '\(owner)''s", at: location
            ))
        } else {
          owners[address] = asset.id
        }
        guard let zone, !zone.networks.isEmpty, !zone.contains(address) else { continue }
        if let other = plant.zone(containing: address) {
          out.append(
            Diagnostic(
              .addressInOtherZone,
              "address \(address) of asset '\(asset.id)' lies in zone '\(other.id)', not in its zone '\(zone.id)'",
              at: location))
        } else {
          let networks = zone.networks.map(\.description).joined(separator: ", ")
          out.append(
            Diagnostic(
              .addressOutsideZone,
              "address \(address) of asset '\(asset.id)' is outside its zone '\(zone.id)' (\(networks))", at: location))
        }
      }
    }
  }

  // MARK: Groups

  func checkGroups(_ plant: Plant, into out: inout [Diagnostic]) {
    for group in plant.groups {
      for (index, member) in group.members.enumerated() {
        let location = group.locations.of("members", index: index)
        switch plant.endpoint(named: member) {
        case .zone, .asset: continue
        case .group:
          out.append(
            Diagnostic(
              .unknownEndpoint, "group '\(group.id)' lists group '\(member)'; groups do not nest", at: location))
        case .unknown:
          out.append(
            Diagnostic(
              .unknownEndpoint, "group '\(group.id)' lists '\(member)', which is no zone or asset", at: location))
        }
      }
    }
  }
}
