import BulkheadFirewall

/// What the engine established about one rule of one enforcement point.
public struct FirewallRuleFacts: Hashable, Sendable, Codable {
  /// What the rule does to a packet that reaches it and matches.
  public enum Disposition: String, Hashable, Sendable, Codable {
    case permit, deny, other
  }

  /// The rule.
  public var rule: FirewallRuleReference
  /// Permit, deny, or other (jump, log, return …).
  public var disposition: Disposition
  /// No packet can reach this rule and match it (it is shadowed by earlier rules).
  public var isShadowed: Bool
  /// Removing the rule would change no verdict.
  public var isRedundant: Bool
  /// The rule matches any source address.
  public var anySource: Bool
  /// The rule matches any destination address.
  public var anyDestination: Bool
  /// The rule matches any transport and port.
  public var anyService: Bool
  /// Whether the rule only matches established/related traffic (return traffic, not a new permit).
  public var establishedOnly: Bool
  /// Packet counter from the export, when it had one (`iptables-save -c`, nft counters).
  public var packetCount: UInt64?
  /// The source addresses the rule names, nil when it matches any (or excludes some, which is no list).
  public var sources: [AddressRange]?
  /// The destination addresses the rule names, nil when it matches any.
  public var destinations: [AddressRange]?
  /// Whether every packet the rule matches leaves by the interface it entered by: it joins no two interfaces, so
  /// no two zones (PAN-OS's implicit `intrazone-default` allow on a zone of one interface).
  public var hairpinOnly = false

  /// Creates the facts.
  public init(
    rule: FirewallRuleReference, disposition: Disposition, isShadowed: Bool, isRedundant: Bool, anySource: Bool,
    anyDestination: Bool, anyService: Bool, establishedOnly: Bool, packetCount: UInt64?,
    sources: [AddressRange]? = nil, destinations: [AddressRange]? = nil
  ) {
    self.rule = rule
    self.disposition = disposition
    self.isShadowed = isShadowed
    self.isRedundant = isRedundant
    self.anySource = anySource
    self.anyDestination = anyDestination
    self.anyService = anyService
    self.establishedOnly = establishedOnly
    self.packetCount = packetCount
    self.sources = sources
    self.destinations = destinations
  }
}
