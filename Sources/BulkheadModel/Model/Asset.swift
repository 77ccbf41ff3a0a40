/// A device on the plant network, declared in the model or read from the inventory CSV.
public struct Asset: Hashable, Sendable, Codable, Identifiable {
  /// Where an asset was declared.
  public enum Origin: String, Hashable, Sendable, Codable {
    /// The model file.
    case model
    /// The inventory CSV.
    case inventory
    /// Both: declared in the model and completed by an inventory row.
    case both
  }

  /// The asset id, unique among zones, assets and groups (e.g. `plc-filt-1`).
  public var id: String
  /// A readable name (defaults to the id).
  public var name: String
  /// The id of the zone the asset belongs to (inferred from its address when the model leaves it out; empty when
  /// neither is possible, which validation reports as BH305).
  public var zone: String
  /// The asset's IP addresses.
  public var addresses: [IPAddress]
  /// The asset's MAC addresses.
  public var macs: [MACAddress]
  /// What the asset is.
  public var kind: AssetKind
  /// The manufacturer.
  public var vendor: String?
  /// The product model.
  public var model: String?
  /// The firmware version.
  public var firmware: String?
  /// How much the process depends on the asset.
  public var criticality: Criticality?
  /// Free text.
  public var description: String?
  /// Where the asset was declared.
  public var origin: Origin
  /// Where the asset and each of its fields were written (model file or inventory row).
  public var locations: NodeLocations

  /// Creates an asset.
  public init(
    id: String, name: String? = nil, zone: String, addresses: [IPAddress] = [], macs: [MACAddress] = [],
    kind: AssetKind = .other, vendor: String? = nil, model: String? = nil, firmware: String? = nil,
    criticality: Criticality? = nil, description: String? = nil, origin: Origin = .model, locations: NodeLocations
  ) {
    self.id = id
    self.name = name ?? id
    self.zone = zone
    self.addresses = addresses
    self.macs = macs
    self.kind = kind
    self.vendor = vendor
    self.model = model
    self.firmware = firmware
    self.criticality = criticality
    self.description = description
    self.origin = origin
    self.locations = locations
  }

  /// Where the asset was declared.
  public var location: SourceLocation { locations.entity }
}
