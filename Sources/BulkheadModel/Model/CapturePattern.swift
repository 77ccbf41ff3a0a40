/// A capture file or glob (`captures/*.pcap`) named by the model, optionally with where it was recorded.
///
/// Knowing the vantage point (the firewall interface whose link was mirrored, and so the zones it observes) lets
/// later stages tell "never seen" from "not watched" and place traffic that should not be on a link.
public struct CapturePattern: Hashable, Sendable, Codable {
  /// The pattern as written, relative to the model's directory.
  public var pattern: String
  /// The pattern resolved against the model's directory.
  public var resolvedPattern: String
  /// The enforcement point whose interface link was captured, if the model says.
  public var enforcementPoint: String?
  /// The interface of ``enforcementPoint`` whose link was captured, if the model says.
  public var interface: String?
  /// The zones the capture observes as written; empty means "derive from the interface" (see
  /// ``Plant/zones(observedBy:)``).
  public var zones: [String]
  /// Where the pattern and each of its fields were written.
  public var locations: NodeLocations
  /// The directory its files must resolve into (set by the loader); nil reads whatever the pattern matches.
  public var directory: PlantDirectory?

  /// Creates a pattern.
  public init(
    pattern: String, resolvedPattern: String, enforcementPoint: String? = nil, interface: String? = nil,
    zones: [String] = [], locations: NodeLocations
  ) {
    self.pattern = pattern
    self.resolvedPattern = resolvedPattern
    self.enforcementPoint = enforcementPoint
    self.interface = interface
    self.zones = zones
    self.locations = locations
  }

  /// Creates a bare pattern written at `location`.
  public init(pattern: String, resolvedPattern: String, location: SourceLocation) {
    self.init(pattern: pattern, resolvedPattern: resolvedPattern, locations: NodeLocations(entity: location))
  }

  /// Where the pattern was written.
  public var location: SourceLocation { locations.entity }

  /// The existing files the pattern matches, sorted (a plain path matches itself if it exists), without those outside
  /// ``directory`` or not regular files (the loader reported them).
  public func files() -> [String] {
    let matched = FileGlob.expand(resolvedPattern)
    guard let directory else { return matched }
    return matched.filter { directory.check($0) == .inside }
  }

  private enum CodingKeys: String, CodingKey {
    case pattern, resolvedPattern, enforcementPoint, interface, zones, locations
  }
}
