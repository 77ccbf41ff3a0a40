import BulkheadModel

/// One rule of ``RulesetGenerator``'s plan, before any dialect writes it: a zone pair, a source and a destination
/// network, one TCP or UDP service, and what happens to its packets.
public struct GeneratedRule: Sendable, Hashable {
  /// What the rule does.
  public enum Action: String, Sendable, Hashable {
    /// Lets the packets through.
    case accept
    /// Drops them silently.
    case drop
    /// Drops them with an ICMP port unreachable (a TCP reset on PAN-OS).
    case reject
    /// Logs them and goes on (iptables `LOG`); a vendor policy cannot continue, so vendor renderings leave it out.
    case log
  }

  /// Index of the source zone.
  public var from: Int
  /// Index of the destination zone.
  public var to: Int
  /// The source network.
  public var source: IPNetwork
  /// Whether the rule matches every source but `source`.
  public var sourceNegated: Bool
  /// The destination network.
  public var destination: IPNetwork
  /// `tcp` or `udp`.
  public var proto: String
  /// The destination ports.
  public var ports: PortRange
  /// The action.
  public var action: Action
  /// The rule's number in the plan.
  public var number: Int

  /// The service as the renderings name it (`tcp-502`, `tcp-1024-65535`).
  public var serviceName: String {
    ports.lower == ports.upper ? "\(proto)-\(ports.lower)" : "\(proto)-\(ports.lower)-\(ports.upper)"
  }
}
