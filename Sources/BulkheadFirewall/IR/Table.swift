import BulkheadModel

/// A named group of chains (`filter` in iptables; any nft table), with the address families it sees.
public struct Table: Hashable, Sendable, Codable {
  /// The table name.
  public var name: String
  /// The families whose packets pass through it (`ip` → v4, `ip6` → v6, `inet` → both).
  public var families: [IPAddress.Family]
  /// Whether Bulkhead evaluates this table for filtering (the iptables filter table, nft filter chains).
  public var isFilter: Bool
  /// The chains, in declaration order.
  public var chains: [Chain]

  /// Creates a table.
  public init(name: String, families: [IPAddress.Family], isFilter: Bool, chains: [Chain] = []) {
    self.name = name
    self.families = families
    self.isFilter = isFilter
    self.chains = chains
  }

  /// The chain with a name.
  public func chain(named name: String) -> Chain? { chains.first { $0.name == name } }
}
