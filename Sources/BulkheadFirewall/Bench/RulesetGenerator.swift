import BulkheadModel

/// Generates a synthetic but plant-shaped ruleset for the benchmark: `zones` zones, each behind its own interface,
/// and `rules` rules between ordered zone pairs (host and subnet sources, host and subnet destinations, TCP/UDP
/// services and ranges, accepts, drops, rejects, logs), written as iptables-save (one user chain per zone pair
/// reached by interface jumps), as a FortiGate configuration (one policy per rule, `srcintf`/`dstintf` per pair) or
/// as a PAN-OS `set` configuration (one zone per interface, one security rule per rule).
///
/// The plan is drawn once from the seed; each dialect writes the same plan, so the three renderings of one plan
/// mean the same packets (``EngineScaleTests`` compares their zone matrices).
public struct RulesetGenerator: Sendable {
  /// The dialects the generator writes.
  public enum Dialect: String, CaseIterable, Sendable {
    /// iptables-save, the shape the engine was first measured on.
    case iptables
    /// FortiOS `config firewall policy`.
    case fortigate
    /// PAN-OS `set` commands.
    case paloalto
  }

  /// Number of rules to generate: iptables rules in all (with the jumps and the two connection-state rules), or
  /// vendor policies (every planned rule but the logs, which a vendor policy cannot express).
  public var rules: Int
  /// Number of zones.
  public var zones: Int
  /// Seed of the deterministic generator.
  public var seed: UInt64

  /// Creates a generator.
  public init(rules: Int, zones: Int, seed: UInt64 = 62443) {
    self.rules = max(1, rules)
    self.zones = max(2, min(zones, 250))
    self.seed = seed
  }

  /// The network of zone `i` (`10.i.0.0/16`).
  public func network(_ i: Int) -> IPNetwork {
    IPNetwork(address: IPAddress(v4: UInt32(10) << 24 | UInt32(i) << 16), prefixLength: 16)
  }

  /// The interface facing zone `i`, named as the dialect names interfaces (`z3`, `port4`, `ethernet1/4`).
  public func interface(_ i: Int, dialect: Dialect = .iptables) -> String {
    switch dialect {
    case .iptables: "z\(i)"
    case .fortigate: "port\(i + 1)"
    case .paloalto: "ethernet1/\(i + 1)"
    }
  }

  /// The topology matching a generated ruleset (one firewall, one interface per zone).
  public func topology(ruleset: Ruleset, dialect: Dialect = .iptables) -> ZoneTopology {
    var zoneMap: [String: [IPNetwork]] = [:]
    var interfaces: [String: [String]] = [:]
    for i in 0..<zones {
      zoneMap["zone\(i)"] = [network(i)]
      interfaces[interface(i, dialect: dialect)] = ["zone\(i)"]
    }
    return ZoneTopology(
      zones: zoneMap, firewalls: [PlacedFirewall(name: "bench-fw", ruleset: ruleset, interfaces: interfaces)])
  }

  /// Every ordered pair of distinct zones; planned rule `n` belongs to pair `n % count`.
  var pairs: [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    for a in 0..<zones { for b in 0..<zones where a != b { pairs.append((a, b)) } }
    return pairs
  }

  /// The planned rules for a dialect's rendering: iptables gets `rules` lines in all; a vendor gets `rules`
  /// policies, so the plan goes on past the logs it leaves out. The same seed draws the same rules in the same order:
  /// a vendor's plan starts with the iptables plan.
  public func plan(for dialect: Dialect) -> [GeneratedRule] {
    let target = dialect == .iptables ? max(0, rules - 2 - pairs.count) : rules
    var state = seed
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    func pick(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    let services: [(String, UInt16, UInt16)] = [
      ("tcp", 502, 502), ("tcp", 102, 102), ("tcp", 44818, 44818), ("udp", 2222, 2222), ("tcp", 20000, 20000),
      ("udp", 47808, 47808), ("tcp", 4840, 4840), ("tcp", 443, 443), ("tcp", 22, 22), ("tcp", 3389, 3389),
      ("udp", 161, 161), ("udp", 53, 53), ("tcp", 80, 80), ("tcp", 1024, 65535), ("udp", 30000, 40000),
      ("tcp", 8000, 8100),
    ]
    let pairs = self.pairs
    var plan: [GeneratedRule] = []
    var counted = 0
    var n = 0
    while counted < target {
      let (a, b) = pairs[n % pairs.count]
      let srcNet = network(a).address.v4Value
      let dstNet = network(b).address.v4Value
      let source: IPNetwork
      switch pick(4) {
      case 0: source = Self.net(srcNet | UInt32(pick(256)) << 8 | UInt32(1 + pick(250)), 32)
      case 1: source = Self.net(srcNet | UInt32(pick(256)) << 8, 24)
      case 2: source = Self.net(srcNet | UInt32(pick(16)) << 12, 20)
      default: source = network(a)
      }
      let destination: IPNetwork
      switch pick(3) {
      case 0: destination = Self.net(dstNet | UInt32(pick(256)) << 8 | UInt32(1 + pick(250)), 32)
      case 1: destination = Self.net(dstNet | UInt32(pick(256)) << 8, 24)
      default: destination = Self.net(dstNet | UInt32(pick(256)) << 8 | UInt32(pick(64)) << 2, 30)
      }
      let (proto, lower, upper) = services[pick(services.count)]
      let negated = pick(20) == 0
      let action: GeneratedRule.Action
      switch pick(10) {
      case 0, 1: action = .drop
      case 2: action = .log
      case 3: action = .reject
      default: action = .accept
      }
      plan.append(
        GeneratedRule(
          from: a, to: b, source: source, sourceNegated: negated, destination: destination, proto: proto,
          ports: PortRange(lower: lower, upper: upper), action: action, number: n))
      if dialect == .iptables || action != .log { counted += 1 }
      n += 1
    }
    return plan
  }

  private static func net(_ address: UInt32, _ length: Int) -> IPNetwork {
    IPNetwork(address: IPAddress(v4: address), prefixLength: length)
  }

  /// The dialect's text of its own plan.
  public func text(_ dialect: Dialect = .iptables) -> String {
    text(dialect, plan: plan(for: dialect))
  }

  /// A dialect's text of a given plan (another dialect's plan gives the same packets in this dialect's words).
  public func text(_ dialect: Dialect, plan: [GeneratedRule]) -> String {
    switch dialect {
    case .iptables: iptablesText(plan)
    case .fortigate: fortiGateText(plan)
    case .paloalto: paloAltoText(plan)
    }
  }

  /// An address object's name in the vendor renderings: the network with `/` written as `_` (`n-10.3.4.0_24`).
  static func objectName(_ network: IPNetwork) -> String {
    "n-\(network.address)_\(network.prefixLength)"
  }
}
