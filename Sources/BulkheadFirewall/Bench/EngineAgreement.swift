import BulkheadModel

/// The cross-check between the two engines (issue 23.4): the packet space's reach answer against the tracer, which
/// walks one concrete packet through the rules as the kernel does. Every witness of every service line must trace
/// as allowed, and on probes inside, on the edge of and just past random rules' matches the tracer's verdict must be
/// the packet space's. Shared by `EngineScaleTests` (debug-build sizes) and `bulkhead bench firewall --shape random`
/// (10k and 100k rules, release build).
public struct EngineAgreement: Sendable {
  /// Service lines of the reach answer (any source to any destination, IPv4, the forward hook).
  public var serviceLines: Int
  /// Witnesses the tracer does not allow, or that lie outside their own line, each with its line.
  public var wrongWitnesses: [String]
  /// Probes compared.
  public var probes: Int
  /// Probes the tracer allows (the rest it denies).
  public var allowedProbes: Int
  /// Probes on which the two engines disagree.
  public var disagreements: [String]
  /// BDD nodes the packet space used.
  public var nodes: Int

  /// Whether the engines agreed everywhere.
  public var agrees: Bool { wrongWitnesses.isEmpty && disagreements.isEmpty }

  /// Runs the check on the forward hook of `ruleset`, or refuses when the exact answer does not fit `memoryLimit`.
  public init(
    ruleset: Ruleset, probes: Int, seed: UInt64, memoryLimit: Int = PacketSpace.defaultMemoryLimit,
    fieldOrder: PacketLayout.FieldOrder? = nil
  ) throws(PacketSpaceOverBudget) {
    let tracer = Tracer(ruleset: ruleset)
    let space = PacketSpace(rulesets: [ruleset], memoryLimit: memoryLimit, fieldOrder: fieldOrder)
    let permitted = PolicyEvaluator(space: space, ruleset: ruleset).permitted(entry: "forward")
    let analyzer = ReachabilityAnalyzer(space: space)
    let scope = space.bdd.and(space.universe, space.family(.v4))
    let lines = analyzer.services(
      analyzer.restrict(space.bdd.and(permitted, scope), from: [], to: []),
      whole: analyzer.restrict(scope, from: [], to: []))
    try space.checkBudget()
    serviceLines = lines.count
    wrongWitnesses = []
    for line in lines {
      let inLine =
        line.protocols.contains(line.witness.proto) && (line.ports?.contains(line.witness.destinationPort) ?? true)
      if tracer.trace(line.witness, recordingPath: false).verdict != .allow || !inLine {
        wrongWitnesses.append("\(line.service): \(line.witness)")
      }
    }
    var random = SplitMix(seed: seed)
    let rules = ruleset.entryChains(named: "forward").flatMap(\.chain.rules)
    self.probes = rules.isEmpty ? 0 : probes
    disagreements = []
    allowedProbes = 0
    for i in 0..<self.probes {
      let packet = EngineAgreement.probe(near: rules[random.below(rules.count)], using: &random)
      let concrete = tracer.trace(packet, recordingPath: false).verdict == .allow
      if concrete { allowedProbes += 1 }
      let symbolic = space.bdd.and(space.encode(packet), permitted) != BDD.falseNode
      if concrete != symbolic {
        disagreements.append("probe \(i): \(packet) tracer \(concrete ? "allows" : "denies")")
      }
    }
    try space.checkBudget()
    nodes = space.bdd.nodeCount
  }

  /// A TCP packet with random fields, then each field the rule matches on set inside its range, on one of its
  /// edges, or just past one (IPv4 addresses, protocol, ports).
  static func probe(near rule: Rule, using random: inout SplitMix) -> Packet {
    var packet = Packet(
      source: IPAddress(v4: UInt32(truncatingIfNeeded: random.next())),
      destination: IPAddress(v4: UInt32(truncatingIfNeeded: random.next())), proto: 6,
      sourcePort: UInt16(truncatingIfNeeded: random.next()),
      destinationPort: UInt16(truncatingIfNeeded: random.next()))
    func pick(_ lower: UInt32, _ upper: UInt32) -> UInt32 {
      switch random.below(8) {
      case 0: return lower
      case 1: return upper
      case 2: return lower &- 1
      case 3: return upper &+ 1
      default: return lower &+ UInt32(truncatingIfNeeded: random.next() % (UInt64(upper - lower) + 1))
      }
    }
    for match in rule.matches {
      switch match {
      case .source(let r, _):
        if let r = r.first, r.first.family == .v4 {
          packet.source = IPAddress(v4: pick(r.first.v4Value, r.last.v4Value))
        }
      case .destination(let r, _):
        if let r = r.first, r.first.family == .v4 {
          packet.destination = IPAddress(v4: pick(r.first.v4Value, r.last.v4Value))
        }
      case .proto(let p, _): packet.proto = p.first ?? 6
      case .destinationPort(let r, _):
        if let r = r.first {
          packet.destinationPort = UInt16(truncatingIfNeeded: pick(UInt32(r.lower), UInt32(r.upper)))
        }
      case .sourcePort(let r, _):
        if let r = r.first { packet.sourcePort = UInt16(truncatingIfNeeded: pick(UInt32(r.lower), UInt32(r.upper))) }
      default: break
      }
    }
    return packet
  }

  /// SplitMix64, so a seed reproduces the probes.
  struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }
}
