/// What a proposed change does to one ordered zone pair's configured packet space: the new connections it starts
/// letting through and those it starts dropping, computed exactly (both rulesets in one packet space).
public struct ZonePairChange: Hashable, Sendable, Codable {
  /// Source zone id.
  public var from: String
  /// Destination zone id.
  public var to: String
  /// New connections allowed after the change and not today.
  public var newlyAllowed: [PacketSetChange]
  /// New connections allowed today and dropped after the change.
  public var newlyDenied: [PacketSetChange]

  /// Creates a zone pair's change.
  public init(from: String, to: String, newlyAllowed: [PacketSetChange] = [], newlyDenied: [PacketSetChange] = []) {
    self.from = from
    self.to = to
    self.newlyAllowed = newlyAllowed
    self.newlyDenied = newlyDenied
  }
}
