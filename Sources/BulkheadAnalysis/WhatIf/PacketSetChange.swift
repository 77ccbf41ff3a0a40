/// One compact service of the packets whose fate a proposed change flips between two zones, with a witness packet
/// and the deciding rule of every firewall on the path today and after the change.
public struct PacketSetChange: Hashable, Comparable, Sendable, Codable {
  /// The service as text: `tcp/502`, `udp/1024-65535`, `icmp`, `any`.
  public var service: String
  /// A concrete packet of the changed set.
  public var witness: WitnessPacket
  /// The deciding rule of each firewall on the path for the witness, today.
  public var rulesBefore: [FirewallRuleReference]
  /// The same, with the proposed configs.
  public var rulesAfter: [FirewallRuleReference]

  /// Creates a change line.
  public init(
    service: String, witness: WitnessPacket, rulesBefore: [FirewallRuleReference], rulesAfter: [FirewallRuleReference]
  ) {
    self.service = service
    self.witness = witness
    self.rulesBefore = rulesBefore
    self.rulesAfter = rulesAfter
  }

  public static func < (lhs: PacketSetChange, rhs: PacketSetChange) -> Bool {
    (lhs.service, lhs.witness.description) < (rhs.service, rhs.witness.description)
  }
}
