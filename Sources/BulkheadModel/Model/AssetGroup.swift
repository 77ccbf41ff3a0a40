/// A named set of assets and zones, usable as a flow endpoint (e.g. `operator-hmis: [hmi-1, hmi-2]`).
///
/// Members are asset or zone ids; groups do not nest, so a group always resolves in one step.
public struct AssetGroup: Hashable, Sendable, Codable, Identifiable {
  /// The group id, unique among zones, assets and groups.
  public var id: String
  /// A readable name (defaults to the id).
  public var name: String
  /// Asset or zone ids.
  public var members: [String]
  /// Free text.
  public var description: String?
  /// Where the group and each of its fields were written.
  public var locations: NodeLocations

  /// Creates a group.
  public init(
    id: String, name: String? = nil, members: [String], description: String? = nil, locations: NodeLocations
  ) {
    self.id = id
    self.name = name ?? id
    self.members = members
    self.description = description
    self.locations = locations
  }

  /// Where the group was declared.
  public var location: SourceLocation { locations.entity }
}
