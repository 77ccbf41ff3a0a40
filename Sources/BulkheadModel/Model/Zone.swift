/// A zone: assets grouped because they share security requirements (IEC 62443-3-2 §4.4), with its networks.
public struct Zone: Hashable, Sendable, Codable, Identifiable {
  /// The zone id, unique among zones, assets and groups (e.g. `scada`).
  public var id: String
  /// A readable name (defaults to the id).
  public var name: String
  /// Where the zone sits in the Purdue model.
  public var purdue: PurdueLevel
  /// The target security level.
  public var securityLevelTarget: SecurityLevelTarget
  /// The IPv4 and IPv6 blocks that belong to the zone.
  public var networks: [IPNetwork]
  /// Free text.
  public var description: String?
  /// Where the zone and each of its fields were written.
  public var locations: NodeLocations

  /// Creates a zone.
  public init(
    id: String, name: String? = nil, purdue: PurdueLevel, securityLevelTarget: SecurityLevelTarget,
    networks: [IPNetwork], description: String? = nil, locations: NodeLocations
  ) {
    self.id = id
    self.name = name ?? id
    self.purdue = purdue
    self.securityLevelTarget = securityLevelTarget
    self.networks = networks
    self.description = description
    self.locations = locations
  }

  /// Where the zone was written.
  public var location: SourceLocation { locations.entity }

  /// Whether one of the zone's networks contains `address`.
  public func contains(_ address: IPAddress) -> Bool { networks.contains { $0.contains(address) } }
}
