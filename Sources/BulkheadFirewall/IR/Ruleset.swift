import BulkheadModel

/// A parsed firewall configuration: tables of chains, with the diagnostics the parser raised.
public struct Ruleset: Hashable, Sendable, Codable {
  /// The configuration file, as given.
  public var file: String
  /// The dialect it was read from.
  public var vendor: Vendor
  /// The tables, in file order.
  public var tables: [Table]
  /// Every construct the parser did not fully understand, with file:line.
  public var diagnostics: [Diagnostic]

  /// Creates a ruleset.
  public init(file: String, vendor: Vendor, tables: [Table] = [], diagnostics: [Diagnostic] = []) {
    self.file = file
    self.vendor = vendor
    self.tables = tables
    self.diagnostics = diagnostics
  }

  /// All rules of the filter tables.
  public var filterRuleCount: Int {
    tables.filter(\.isFilter).reduce(0) { $0 + $1.chains.filter(\.isFilter).reduce(0) { $0 + $1.rules.count } }
  }

  /// The base filter chains attached to a hook, lowest priority first (the order netfilter runs them).
  public func baseChains(hook: ChainHook) -> [(table: Table, chain: Chain)] {
    var found: [(table: Table, chain: Chain)] = []
    for table in tables where table.isFilter {
      for chain in table.chains where chain.hook == hook { found.append((table, chain)) }
    }
    return found.sorted { $0.chain.priority < $1.chain.priority }
  }

  /// Finds base chains by hook name (`forward`) or by chain name (`FORWARD`, `fw_in`).
  public func entryChains(named name: String) -> [(table: Table, chain: Chain)] {
    if let hook = ChainHook(rawValue: name.lowercased()) {
      let byHook = baseChains(hook: hook)
      if !byHook.isEmpty { return byHook }
    }
    var found: [(table: Table, chain: Chain)] = []
    for table in tables where table.isFilter {
      for chain in table.chains where chain.name == name { found.append((table, chain)) }
    }
    return found
  }
}
