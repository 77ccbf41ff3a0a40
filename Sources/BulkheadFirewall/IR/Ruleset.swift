import BulkheadModel

/// A parsed firewall configuration in the vendor-independent IR: ordered rule lists (chains) attached to points of
/// a packet's path (hooks), what the device does where nothing is attached, the zones its rules name, the address
/// translations it declares, and the diagnostics the parser raised.
///
/// Every dialect lowers into this; ``Tracer``, ``PolicyEvaluator`` and the analysis read nothing else (see
/// docs/firewall-engine.md, "The IR").
public struct Ruleset: Hashable, Sendable, Codable {
  /// The configuration file, as given.
  public var file: String
  /// The dialect it was read from (a registered ``FirewallDialect``'s name).
  public var vendor: FirewallVendor
  /// The tables, in file order.
  public var tables: [Table]
  /// What the device does with a packet when no filter chain is attached anywhere on its path: netfilter accepts
  /// (a host with no ruleset forwards everything); a FortiGate or an ASA with no policy denies.
  public var unfilteredVerdict: Verdict
  /// The zones (or named interface groups) the configuration binds its rules to, with their member interfaces:
  /// FortiGate `system zone`, PAN-OS and SRX zones, ASA `nameif`. Rules match the member interfaces; the names are
  /// kept here and in ``Provenance/objects`` so findings can cite them. Empty for netfilter.
  public var zones: [FirewallZone]
  /// Address translations that change which addresses the filters see (FortiGate VIPs, ASA object NAT, PAN NAT
  /// rules, iptables DNAT). Recorded, reported, not applied: reachability is computed on the addresses the filters
  /// see (docs/firewall-engine.md, "Unsupported constructs").
  public var translations: [AddressTranslation]
  /// Every construct the parser did not fully understand, with file:line.
  public var diagnostics: [Diagnostic]

  /// Creates a ruleset.
  public init(
    file: String, vendor: FirewallVendor, tables: [Table] = [], unfilteredVerdict: Verdict = .allow,
    zones: [FirewallZone] = [], translations: [AddressTranslation] = [], diagnostics: [Diagnostic] = []
  ) {
    self.file = file
    self.vendor = vendor
    self.tables = tables
    self.unfilteredVerdict = unfilteredVerdict
    self.zones = zones
    self.translations = translations
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
      for chain in table.chains where chain.hook == hook && chain.isFilter { found.append((table, chain)) }
    }
    return found.sorted { $0.chain.priority < $1.chain.priority }
  }

  /// The base filter chains a packet of an entry crosses, in the order it crosses them: every hook of the entry's
  /// ``ChainHook/path`` (a forwarded packet meets prerouting, forward and postrouting), by priority within a hook.
  public func pathChains(hook: ChainHook) -> [(table: Table, chain: Chain)] {
    hook.path.flatMap { baseChains(hook: $0) }
  }

  /// Finds base chains by hook name (`forward`: every chain on that traffic's path) or by chain name (`FORWARD`,
  /// `fw_in`: that chain alone).
  public func entryChains(named name: String) -> [(table: Table, chain: Chain)] {
    if let hook = ChainHook(rawValue: name.lowercased()) {
      let byHook = pathChains(hook: hook)
      if !byHook.isEmpty { return byHook }
    }
    var found: [(table: Table, chain: Chain)] = []
    for table in tables where table.isFilter {
      for chain in table.chains where chain.name == name { found.append((table, chain)) }
    }
    return found
  }

  /// Whether a chain is entered by traffic crossing the device (on the forward path, or a user chain).
  public func filtersTransit(_ chain: Chain) -> Bool {
    guard let hook = chain.hook else { return true }
    return ChainHook.forward.path.contains(hook)
  }
}
