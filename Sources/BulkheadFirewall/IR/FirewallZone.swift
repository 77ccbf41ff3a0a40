/// A named group of interfaces a configuration binds rules to (FortiGate `system zone` or a bare interface used as
/// one, a PAN-OS or SRX zone, an ASA `nameif`), with where it was declared.
public struct FirewallZone: Hashable, Sendable, Codable {
  /// The zone's name in the configuration.
  public var name: String
  /// Its member interfaces (the names a plant model's `interfaces:` uses).
  public var interfaces: [String]
  /// Where it was declared, when the configuration declares it.
  public var provenance: Provenance?

  /// Creates a zone.
  public init(name: String, interfaces: [String], provenance: Provenance? = nil) {
    self.name = name
    self.interfaces = interfaces
    self.provenance = provenance
  }
}
