import BulkheadCapture

/// A compact service the firewalls on a zone pair's path let through, with a witness and every rule that allows it.
public struct PermittedService: Hashable, Comparable, Sendable, Codable {
  /// The service as text: `tcp/502`, `udp/1024-65535`, `icmp`, `any`.
  public var service: String
  /// Transport and destination ports, when the service is a single transport.
  public var span: ServiceSpan?
  /// A concrete packet in the permitted set.
  public var witness: WitnessPacket
  /// The accepting rule of each firewall on the path, in path order.
  public var rules: [FirewallRuleReference]

  /// Creates a permitted service.
  public init(
    service: String, span: ServiceSpan?, witness: WitnessPacket, rules: [FirewallRuleReference]
  ) {
    self.service = service
    self.span = span
    self.witness = witness
    self.rules = rules
  }

  public static func < (lhs: PermittedService, rhs: PermittedService) -> Bool {
    (lhs.service, lhs.witness.description) < (rhs.service, rhs.witness.description)
  }
}
