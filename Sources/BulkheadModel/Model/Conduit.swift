/// A conduit: the declared, justified communication between zones (IEC 62443-3-2 §4.4, ZCR 3.1).
public struct Conduit: Hashable, Sendable, Codable, Identifiable {
  /// The conduit id (e.g. `historian-collect`).
  public var id: String
  /// A readable name (defaults to the id).
  public var name: String
  /// The ids of the zones it joins (two, or more for a shared segment).
  public var zones: [String]
  /// The flows it allows; anything else across these zones is not declared.
  public var flows: [ConduitFlow]
  /// The ids of the enforcement points (firewalls) that must implement it.
  public var enforcedBy: [String]
  /// The other required controls.
  public var controls: ConduitControls
  /// Who answers for the conduit (a team or a person).
  public var owner: String?
  /// Why the conduit exists.
  public var justification: String?
  /// When the conduit must be reviewed again.
  public var reviewBy: CalendarDate?
  /// Free text.
  public var description: String?
  /// Where the conduit and each of its fields were written.
  public var locations: NodeLocations

  /// Creates a conduit.
  public init(
    id: String, name: String? = nil, zones: [String], flows: [ConduitFlow] = [], enforcedBy: [String] = [],
    controls: ConduitControls = ConduitControls(), owner: String? = nil, justification: String? = nil,
    reviewBy: CalendarDate? = nil, description: String? = nil, locations: NodeLocations
  ) {
    self.id = id
    self.name = name ?? id
    self.zones = zones
    self.flows = flows
    self.enforcedBy = enforcedBy
    self.controls = controls
    self.owner = owner
    self.justification = justification
    self.reviewBy = reviewBy
    self.description = description
    self.locations = locations
  }

  /// Where the conduit was declared.
  public var location: SourceLocation { locations.entity }

  /// Whether the conduit joins `zone`.
  public func joins(_ zone: String) -> Bool { zones.contains(zone) }
}
