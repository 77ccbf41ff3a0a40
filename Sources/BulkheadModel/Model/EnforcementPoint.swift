/// A firewall (or other filtering device) that enforces conduits, with the zones each interface faces.
public struct EnforcementPoint: Hashable, Sendable, Codable, Identifiable {
  /// The id (e.g. `fw-itot`).
  public var id: String
  /// A readable name (defaults to the id).
  public var name: String
  /// The configuration dialect.
  public var vendor: FirewallVendor
  /// The configuration file as written in the model (relative to the model's directory), if any.
  public var config: String?
  /// The configuration file's path resolved against the model's directory, if any.
  public var configPath: String?
  /// Interface name → ids of the zones reachable through it.
  public var interfaces: [String: [String]]
  /// Free text.
  public var description: String?
  /// Where the enforcement point and each of its fields were written (`interfaces.<name>` for an interface).
  public var locations: NodeLocations

  /// Creates an enforcement point.
  public init(
    id: String, name: String? = nil, vendor: FirewallVendor, config: String? = nil, configPath: String? = nil,
    interfaces: [String: [String]] = [:], description: String? = nil, locations: NodeLocations
  ) {
    self.id = id
    self.name = name ?? id
    self.vendor = vendor
    self.config = config
    self.configPath = configPath ?? config
    self.interfaces = interfaces
    self.description = description
    self.locations = locations
  }

  /// Where the enforcement point was declared.
  public var location: SourceLocation { locations.entity }

  /// The interfaces facing `zone`, sorted.
  public func interfaces(facing zone: String) -> [String] {
    interfaces.filter { $0.value.contains(zone) }.map(\.key).sorted()
  }

  /// The zones an interface faces (empty for an interface the model does not name).
  public func zones(behind interface: String) -> [String] { interfaces[interface] ?? [] }
}
