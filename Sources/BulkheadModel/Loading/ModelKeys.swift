/// The keys each mapping of the model file may hold; the loader warns about any other key (BH004).
///
/// docs/bulkhead.schema.json must define exactly these properties; a test compares the two.
public enum ModelKeys {
  /// The top level of `bulkhead.yaml`.
  public static let plant = [
    "version", "plant", "description", "inventory", "zones", "assets", "groups", "conduits", "enforcement_points",
    "captures",
  ]
  /// A zone.
  public static let zone = ["id", "name", "purdue", "sl_target", "networks", "description"]
  /// A security-level vector (`sl_target: {FR1: 2, …}`).
  public static let securityLevelVector = FoundationalRequirement.allCases.map(\.key)
  /// An asset.
  public static let asset = [
    "id", "name", "zone", "addresses", "macs", "kind", "vendor", "model", "firmware", "criticality", "description",
  ]
  /// A group.
  public static let group = ["id", "name", "members", "description"]
  /// A conduit.
  public static let conduit = [
    "id", "name", "between", "flows", "enforced_by", "controls", "owner", "justification", "review_by", "description",
  ]
  /// A conduit flow.
  public static let flow = ["from", "to", "service", "operations", "security", "description"]
  /// A conduit's required controls.
  public static let controls = ["authentication", "encryption", "proxy", "unidirectional"]
  /// An enforcement point.
  public static let enforcementPoint = ["id", "name", "vendor", "config", "interfaces", "description"]

  /// A capture written as a mapping (a plain string is a path or glob).
  public static let capture = ["path", "enforcement_point", "interface", "zones", "description"]

  /// Every mapping kind by the name the JSON Schema uses in `$defs` (`root` for the top level).
  public static let bySchemaDefinition: [String: [String]] = [
    "root": plant, "zone": zone, "securityLevelVector": securityLevelVector, "asset": asset, "group": group,
    "conduit": conduit, "flow": flow, "controls": controls, "enforcementPoint": enforcementPoint,
    "capture": capture,
  ]

  /// The model format version this loader reads.
  public static let formatVersion = 1
}
