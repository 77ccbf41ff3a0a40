/// An ordered list of rules; a base chain also has a hook and a default policy.
public struct Chain: Hashable, Sendable, Codable {
  /// The chain name (`FORWARD`, `fw_in`…).
  public var name: String
  /// The hook a base chain is attached to; `nil` for a user chain reached only by jump/goto.
  public var hook: ChainHook?
  /// The nft priority (iptables filter chains are 0).
  public var priority: Int
  /// The default verdict of a base chain when no rule decides; `nil` for user chains.
  public var policy: Verdict?
  /// The rules, in evaluation order.
  public var rules: [Rule]
  /// Where the chain was declared.
  public var provenance: Provenance?
  /// Whether the chain filters (false for nft nat/route base chains, which Bulkhead does not model).
  public var isFilter: Bool
  /// How evidence cites the default verdict when the configuration does not write it as a policy (FortiOS
  /// `implicit deny (policy 0)`); `nil` when the policy is written (`:FORWARD DROP`, `policy drop;`).
  public var implicitPolicy: String?

  /// Creates a chain.
  public init(
    name: String, hook: ChainHook? = nil, priority: Int = 0, policy: Verdict? = nil, rules: [Rule] = [],
    provenance: Provenance? = nil, isFilter: Bool = true, implicitPolicy: String? = nil
  ) {
    self.isFilter = isFilter
    self.implicitPolicy = implicitPolicy
    self.name = name
    self.hook = hook
    self.priority = priority
    self.policy = policy
    self.rules = rules
    self.provenance = provenance
  }
}
