/// A compact service the firewalls on a zone pair's path let through, with a witness and every rule that allows it.
public struct PermittedService: Hashable, Comparable, Sendable, Codable {
  /// Transport and destination ports.
  public var span: ServiceSpan
  /// A concrete packet in the permitted set.
  public var witness: WitnessPacket
  /// The accepting rule of each firewall on the path, in path order.
  public var rules: [FirewallRuleReference]
  /// Whether every source address of the source zone is allowed (false when only some hosts are).
  public var anySource: Bool
  /// Whether every destination address of the destination zone is allowed.
  public var anyDestination: Bool

  /// Creates a permitted service.
  public init(
    span: ServiceSpan, witness: WitnessPacket, rules: [FirewallRuleReference], anySource: Bool, anyDestination: Bool
  ) {
    self.span = span
    self.witness = witness
    self.rules = rules
    self.anySource = anySource
    self.anyDestination = anyDestination
  }

  public static func < (lhs: PermittedService, rhs: PermittedService) -> Bool {
    (lhs.span, lhs.witness.description) < (rhs.span, rhs.witness.description)
  }
}
