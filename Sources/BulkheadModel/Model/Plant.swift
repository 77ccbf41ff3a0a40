/// The whole plant model: zones, assets, groups, conduits, enforcement points and captures, with lookups.
///
/// A `Plant` is immutable; its lookups (by id, by address) are indexed once at creation. Ids of zones, assets and
/// groups share one namespace, so a flow endpoint such as `historian` names exactly one thing.
public struct Plant: Hashable, Sendable, Encodable {
  /// The plant's name (`plant:` in the model).
  public let name: String
  /// Free text.
  public let description: String?
  /// The model file, as given by the user.
  public let modelFile: String
  /// The directory relative paths in the model are resolved against.
  public let baseDirectory: String
  /// The zones, in model order.
  public let zones: [Zone]
  /// The assets: model assets in model order, then inventory-only assets in row order.
  public let assets: [Asset]
  /// The groups, in model order.
  public let groups: [AssetGroup]
  /// The conduits, in model order.
  public let conduits: [Conduit]
  /// The enforcement points, in model order.
  public let enforcementPoints: [EnforcementPoint]
  /// The capture files and globs.
  public let captures: [CapturePattern]
  /// The inventory CSV as written in the model, if any.
  public let inventory: String?
  /// The inventory CSV's path resolved against the model's directory, if any.
  public let inventoryPath: String?

  private let zoneIndex: [String: Int]
  private let assetIndex: [String: Int]
  private let groupIndex: [String: Int]
  private let conduitIndex: [String: Int]
  private let enforcementPointIndex: [String: Int]
  private let addressIndex: [IPAddress: Int]

  /// Creates a plant; with duplicate ids, lookups return the first declaration (validation reports the rest, BH201).
  public init(
    name: String, description: String? = nil, modelFile: String = "bulkhead.yaml", baseDirectory: String = ".",
    zones: [Zone] = [], assets: [Asset] = [], groups: [AssetGroup] = [], conduits: [Conduit] = [],
    enforcementPoints: [EnforcementPoint] = [], captures: [CapturePattern] = [], inventory: String? = nil,
    inventoryPath: String? = nil
  ) {
    self.name = name
    self.description = description
    self.modelFile = modelFile
    self.baseDirectory = baseDirectory
    self.zones = zones
    self.assets = assets
    self.groups = groups
    self.conduits = conduits
    self.enforcementPoints = enforcementPoints
    self.captures = captures
    self.inventory = inventory
    self.inventoryPath = inventoryPath ?? inventory
    zoneIndex = Plant.firstIndex(zones.map(\.id))
    assetIndex = Plant.firstIndex(assets.map(\.id))
    groupIndex = Plant.firstIndex(groups.map(\.id))
    conduitIndex = Plant.firstIndex(conduits.map(\.id))
    enforcementPointIndex = Plant.firstIndex(enforcementPoints.map(\.id))
    var byAddress: [IPAddress: Int] = [:]
    for (i, asset) in assets.enumerated() {
      for address in asset.addresses where byAddress[address] == nil { byAddress[address] = i }
    }
    addressIndex = byAddress
  }

  private static func firstIndex(_ ids: [String]) -> [String: Int] {
    var index: [String: Int] = [:]
    for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
    return index
  }

  private enum CodingKeys: String, CodingKey {
    case name, description, modelFile, baseDirectory, zones, assets, groups, conduits, enforcementPoints, captures
    case inventory, inventoryPath
  }

  // MARK: Lookups by id

  /// The zone with this id.
  public func zone(id: String) -> Zone? { zoneIndex[id].map { zones[$0] } }

  /// The asset with this id.
  public func asset(id: String) -> Asset? { assetIndex[id].map { assets[$0] } }

  /// The group with this id.
  public func group(id: String) -> AssetGroup? { groupIndex[id].map { groups[$0] } }

  /// The conduit with this id.
  public func conduit(id: String) -> Conduit? { conduitIndex[id].map { conduits[$0] } }

  /// The enforcement point with this id.
  public func enforcementPoint(id: String) -> EnforcementPoint? {
    enforcementPointIndex[id].map { enforcementPoints[$0] }
  }

  /// What an id names when used as a flow endpoint (zones first, then assets, then groups).
  public func endpoint(named id: String) -> FlowEndpoint {
    if zoneIndex[id] != nil { return .zone(id) }
    if assetIndex[id] != nil { return .asset(id) }
    if groupIndex[id] != nil { return .group(id) }
    return .unknown(id)
  }

  // MARK: Lookups by address

  /// The zone whose network contains `address`; with nested networks, the most specific (longest prefix) wins.
  public func zone(containing address: IPAddress) -> Zone? {
    var best: (zone: Zone, prefix: Int)?
    for zone in zones {
      for network in zone.networks where network.contains(address) {
        if best.map({ network.prefixLength > $0.prefix }) ?? true { best = (zone, network.prefixLength) }
      }
    }
    return best?.zone
  }

  /// The asset that has `address`.
  public func asset(at address: IPAddress) -> Asset? { addressIndex[address].map { assets[$0] } }

  /// The asset that has `mac`.
  public func asset(withMAC mac: MACAddress) -> Asset? { assets.first { $0.macs.contains(mac) } }

  /// The assets of a zone, in model order.
  public func assets(inZone zone: String) -> [Asset] { assets.filter { $0.zone == zone } }

  // MARK: Flow endpoints

  /// The address blocks an endpoint stands for: a zone's networks, an asset's host addresses (/32, /128), or the
  /// union of a group's members; sorted and without duplicates.
  public func networks(of endpoint: FlowEndpoint) -> [IPNetwork] {
    var result: Set<IPNetwork> = []
    switch endpoint {
    case .zone(let id):
      result.formUnion(zone(id: id)?.networks ?? [])
    case .asset(let id):
      for address in asset(id: id)?.addresses ?? [] {
        result.insert(IPNetwork(address: address, prefixLength: address.family.bitWidth))
      }
    case .group(let id):
      for member in group(id: id)?.members ?? [] {
        let resolved = self.endpoint(named: member)
        // Groups do not nest (validation reports a group member, BH203), so never recurse into one.
        if case .group = resolved { continue }
        result.formUnion(networks(of: resolved))
      }
    case .unknown:
      break
    }
    return result.sorted()
  }

  /// The ids of the zones an endpoint lies in, sorted.
  public func zones(of endpoint: FlowEndpoint) -> [String] {
    var result: Set<String> = []
    switch endpoint {
    case .zone(let id):
      result.insert(id)
    case .asset(let id):
      if let asset = asset(id: id), !asset.zone.isEmpty { result.insert(asset.zone) }
    case .group(let id):
      for member in group(id: id)?.members ?? [] {
        let resolved = self.endpoint(named: member)
        if case .group = resolved { continue }
        result.formUnion(zones(of: resolved))
      }
    case .unknown:
      break
    }
    return result.sorted()
  }

  /// The asset ids an endpoint stands for (every asset of a zone), sorted.
  public func assets(of endpoint: FlowEndpoint) -> [String] {
    switch endpoint {
    case .zone(let id): return assets(inZone: id).map(\.id).sorted()
    case .asset(let id): return asset(id: id) == nil ? [] : [id]
    case .group(let id):
      var result: Set<String> = []
      for member in group(id: id)?.members ?? [] {
        let resolved = self.endpoint(named: member)
        if case .group = resolved { continue }
        result.formUnion(assets(of: resolved))
      }
      return result.sorted()
    case .unknown: return []
    }
  }

  /// Whether an endpoint covers `address` (a zone network, an asset address, a group member).
  public func endpoint(_ endpoint: FlowEndpoint, contains address: IPAddress) -> Bool {
    networks(of: endpoint).contains { $0.contains(address) }
  }

  // MARK: Conduits and enforcement points

  /// The conduits that join both zones, in model order.
  public func conduits(between a: String, and b: String) -> [Conduit] {
    conduits.filter { $0.joins(a) && $0.joins(b) }
  }

  /// The conduits that join `zone`, in model order.
  public func conduits(touching zone: String) -> [Conduit] { conduits.filter { $0.joins(zone) } }

  /// The enforcement points with an interface facing `zone`, in model order.
  public func enforcementPoints(facing zone: String) -> [EnforcementPoint] {
    enforcementPoints.filter { !$0.interfaces(facing: zone).isEmpty }
  }

  /// The zones a capture observes: its `zones` when written, else the zones behind its enforcement point's interface,
  /// else none (the model does not say where it was recorded).
  public func zones(observedBy capture: CapturePattern) -> [String] {
    if !capture.zones.isEmpty { return capture.zones }
    guard let id = capture.enforcementPoint, let interface = capture.interface,
      let point = enforcementPoint(id: id)
    else { return [] }
    return point.zones(behind: interface)
  }

  /// Every declared flow resolved to address blocks and protocol/port ranges, in model order.
  public func resolvedFlows() -> [ResolvedFlow] {
    conduits.flatMap { conduit in
      conduit.flows.enumerated().map { index, flow in
        ResolvedFlow(
          conduit: conduit.id, index: index, flow: flow, sources: networks(of: flow.from),
          destinations: networks(of: flow.to), ranges: Array(Set(flow.services.flatMap(\.ranges))).sorted())
      }
    }
  }

  /// The declared flows that allow a packet (source, destination, IP protocol, destination port), in model order.
  public func flows(
    allowing source: IPAddress, to destination: IPAddress, ipProtocol: UInt8, port: UInt16
  ) -> [ResolvedFlow] {
    resolvedFlows().filter { $0.matches(source: source, destination: destination, ipProtocol: ipProtocol, port: port) }
  }

  /// Every declared flow with its conduit, in model order.
  public var flows: [(conduit: Conduit, flow: ConduitFlow)] {
    conduits.flatMap { conduit in conduit.flows.map { (conduit, $0) } }
  }
}
