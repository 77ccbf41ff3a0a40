import BulkheadModel

/// A zone of the draft, with why its hosts belong together and why it sits at its Purdue level.
public struct ZoneProposal: Hashable, Sendable {
  /// The proposed zone.
  public var zone: Zone
  /// Why these hosts form one zone.
  public var grouping: String
  /// How sure the grouping is.
  public var groupingConfidence: Confidence
  /// Why the Purdue level.
  public var levelReason: String
  /// How sure the level is.
  public var levelConfidence: Confidence
}
