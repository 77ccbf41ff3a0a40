/// Where each field of a model entity was written, so a diagnostic or finding can point at the exact value.
///
/// Keys are the YAML key (`addresses`) or, for list items, the key and index (`addresses[1]`); inventory rows use
/// their column's model key. A field that was not written falls back to the entity's own location.
public struct NodeLocations: Hashable, Sendable, Codable {
  /// The location of the entity itself (its YAML mapping or its inventory row).
  public var entity: SourceLocation
  /// The location of each written field's value.
  public var fields: [String: SourceLocation]

  /// Creates the locations of an entity.
  public init(entity: SourceLocation, fields: [String: SourceLocation] = [:]) {
    self.entity = entity
    self.fields = fields
  }

  /// The location of `key`'s value (or of its `index`-th item), falling back to the entity.
  public func of(_ key: String, index: Int? = nil) -> SourceLocation {
    if let index, let item = fields["\(key)[\(index)]"] { return item }
    return fields[key] ?? entity
  }
}
