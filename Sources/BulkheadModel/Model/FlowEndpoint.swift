/// One end of a conduit flow: a whole zone, one asset, or a group of assets and zones.
public enum FlowEndpoint: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Every address of a zone.
  case zone(String)
  /// The addresses of one asset.
  case asset(String)
  /// The union of a group's members.
  case group(String)
  /// An id that names nothing in the model (always reported as an error, BH203).
  case unknown(String)

  /// The id as written in the model.
  public var id: String {
    switch self {
    case .zone(let id), .asset(let id), .group(let id), .unknown(let id): id
    }
  }

  /// `zone scada`, `asset plc-filt-1`, …
  public var description: String {
    switch self {
    case .zone(let id): "zone \(id)"
    case .asset(let id): "asset \(id)"
    case .group(let id): "group \(id)"
    case .unknown(let id): "unknown endpoint \(id)"
    }
  }
}
