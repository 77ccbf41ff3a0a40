import BulkheadModel

/// One fact a finding rests on, pointing at where it can be checked: a model line, a firewall rule, a packet.
public struct Evidence: Hashable, Sendable, Codable {
  /// What kind of fact this is.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// A declaration in the plant model.
    case model
    /// A firewall rule (or default policy) that decides a packet.
    case firewallRule = "firewall-rule"
    /// A packet that the firewalls let through, computed from the configs (not observed).
    case witnessPacket = "witness-packet"
    /// Traffic seen in a capture.
    case observedFlow = "observed-flow"
    /// A protocol operation seen on an observed flow.
    case protocolOperation = "protocol-operation"
  }

  /// The kind of fact.
  public var kind: Kind
  /// One line of text saying what the fact is.
  public var summary: String
  /// Where it can be checked; for captures the line is the packet number.
  public var location: SourceLocation?

  /// Creates a piece of evidence.
  public init(_ kind: Kind, _ summary: String, at location: SourceLocation? = nil) {
    self.kind = kind
    self.summary = summary
    self.location = location
  }
}
