/// The two diagrams Bulkhead draws.
public enum DiagramKind: String, CaseIterable, Hashable, Sendable {
  /// Zones as clusters of their assets, laid out by Purdue level, with conduit edges styled by status.
  case zones
  /// The observed communication graph: hosts and the flows between them by application protocol.
  case traffic

  /// The file name stem the report command writes (`zones.dot`, `zones.svg`).
  public var fileStem: String { rawValue }
}
