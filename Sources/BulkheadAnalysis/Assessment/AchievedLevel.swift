/// The security level the evidence supports for one zone and foundational requirement (see `SLGapRule`).
public struct AchievedLevel: Hashable, Sendable, Codable {
  /// The zone.
  public var zone: String
  /// The foundational requirement, `FR1` … `FR7`.
  public var requirement: String
  /// The target from the model.
  public var target: Int
  /// The level the evidence supports.
  public var achieved: Int
  /// Which evidence caps it.
  public var reason: String

  /// Creates an entry.
  public init(zone: String, requirement: String, target: Int, achieved: Int, reason: String) {
    self.zone = zone
    self.requirement = requirement
    self.target = target
    self.achieved = achieved
    self.reason = reason
  }
}
