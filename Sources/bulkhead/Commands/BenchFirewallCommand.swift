import ArgumentParser
import BulkheadFirewall
import BulkheadModel
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `bulkhead bench firewall`: parse a generated ruleset and compute the full zone matrix (plant shape), or what a
/// random single-chain ruleset lets through (random shape, issue 23), printing the figures.
struct BenchFirewallCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "firewall",
    abstract: "Benchmark the firewall engine on a generated ruleset: parse time, zone-matrix time, peak memory."
  )

  @Option(help: "Number of rules to generate.") var rules: Int = 10_000
  @Option(help: "Number of zones (one interface each).") var zones: Int = 20
  @Option(help: "Generator seed.") var seed: UInt64 = 62443
  @Option(help: "Write the generated ruleset to this file as well.") var save: String?
  @Option(help: "plant (zones, pair chains: the zone matrix) or random (one chain of unrelated rules: reach).")
  var shape: Shape = .plant
  @Option(help: "Plant shape: write the ruleset as iptables, fortigate or paloalto (the same plan in each).")
  var dialect: RulesetGenerator.Dialect = .iptables
  @Flag(help: "Plant shape: trace the witnesses recording every rule step, as `trace` does (the old evidence cost).")
  var fullPath = false
  @Option(help: "Random shape: probes traced and compared with the packet space.") var probes: Int = 10_000
  @Option(help: ArgumentHelp("Memory for the exact answer, in MB.", valueName: "MB"))
  var maxMemory: Int = PacketSpace.defaultMemoryLimit >> 20
  @OptionGroup var console: ConsoleOptions

  enum Shape: String, ExpressibleByArgument {
    case plant, random
  }

  func run() throws {
    if shape == .random {
      try runRandom()
      return
    }
    let generator = RulesetGenerator(rules: rules, zones: zones, seed: seed)
    let text = generator.text(dialect)
    if let save { try text.write(toFile: save, atomically: true, encoding: .utf8) }
    let clock = ContinuousClock()
    var parsed: ParseResult = .failed([])
    let parseCPU = Self.cpuSeconds()
    let parseTime = clock.measure {
      parsed = FirewallParser.parse(text: text, file: "bench.rules", vendor: FirewallVendor(rawValue: dialect.rawValue))
    }
    let diagnostics = parsed.diagnostics.filter { $0.severity != .note }
    let matrixCPU = Self.cpuSeconds()
    guard let ruleset = parsed.ruleset else {
      for d in parsed.diagnostics { print(d) }
      throw ExitCode(2)
    }
    var cells: [ZonePairReach] = []
    let topology = generator.topology(ruleset: ruleset, dialect: dialect)
    var nodes = 0
    var policyNodes = 0
    var policyTime = Duration.zero
    let matrixTime = clock.measure {
      let matrix = ZoneMatrix(topology: topology)
      if ProcessInfo.processInfo.environment["BH_BENCH_SPLIT"] != nil {
        let ev = PolicyEvaluator(space: matrix.space, ruleset: ruleset)
        let t = clock.measure {
          for (ti, table) in ruleset.tables.enumerated() {
            for (ci, chain) in table.chains.enumerated() {
              for ri in chain.rules.indices { _ = ev.matchSet(RuleID(table: ti, chain: ci, rule: ri)) }
            }
          }
        }
        print("match sets:       \(Self.format(t)), nodes \(matrix.space.bdd.nodeCount)")
      }
      policyTime = clock.measure { _ = matrix.permitted(0) }
      policyNodes = matrix.space.bdd.nodeCount
      cells = matrix.compute()
      nodes = matrix.space.bdd.nodeCount
    }
    let endCPU = Self.cpuSeconds()
    let services = cells.reduce(0) { $0 + $1.services.count }
    let open = cells.filter { !$0.services.isEmpty }.count
    // What `reach MODEL` adds: the accepting rule of every witness, from the tracer (which must allow each one).
    let evidenceCPU = Self.cpuSeconds()
    var refused: [String] = []
    let evidenceTime = clock.measure { refused = Self.traceWitnesses(cells, topology: topology, fullPath: fullPath) }
    let evidenceEnd = Self.cpuSeconds()
    print(
      "rules:            \(ruleset.filterRuleCount) in the IR (\(dialect.rawValue), "
        + "\(generator.plan(for: dialect).filter { dialect == .iptables || $0.action != .log }.count) generated; "
        + "\(zones) zones, seed \(seed))")
    print("diagnostics:      \(ruleset.diagnostics.count) (\(diagnostics.count) errors and warnings)")
    for d in diagnostics.prefix(5) { print("  \(d)") }
    print("parse:            \(Self.format(parseTime)) wall, \(Self.ms(matrixCPU - parseCPU)) CPU")
    print(
      "zone matrix:      \(Self.format(matrixTime)) wall, \(Self.ms(endCPU - matrixCPU)) CPU "
        + "(\(cells.count) zone pairs, \(open) open, \(services) service lines)")
    print("  of which policy: \(Self.format(policyTime)) (exact permitted set of the forward hook)")
    print(
      "witness rules:    \(Self.format(evidenceTime)) wall, \(Self.ms(evidenceEnd - evidenceCPU)) CPU "
        + "(\(services) witnesses traced, \(refused.count) denied by the tracer)")
    print("bdd nodes:        \(nodes) (\(policyNodes) after the policy)")
    print("peak RSS:         \(Self.peakResidentMegabytes()) MB")
    for line in refused.prefix(10) { print("  \(line)") }
    if !refused.isEmpty { throw ExitCode(1) }
  }

  /// Traces every witness of the matrix through the firewall by the pair's interfaces, as `reach MODEL` does for its
  /// evidence column; returns the witnesses the tracer denies (the two engines disagree: never expected).
  private static func traceWitnesses(_ cells: [ZonePairReach], topology: ZoneTopology, fullPath: Bool) -> [String] {
    var refused: [String] = []
    let tracers = topology.firewalls.map { Tracer(ruleset: $0.ruleset) }
    for cell in cells {
      for hop in topology.path(from: cell.from, to: cell.to) {
        for line in cell.services {
          var packet = line.witness
          packet.inInterface = hop.in.first
          packet.outInterface = hop.out.first
          let result = tracers[hop.firewall].trace(
            packet, entry: topology.firewalls[hop.firewall].entry, recordingPath: fullPath)
          if result.verdict != .allow { refused.append("\(cell.from) -> \(cell.to): \(packet) denied") }
        }
      }
    }
    return refused
  }

  /// Reach on a random ruleset: what `bulkhead reach --config` computes (every service from any to any, with a
  /// witness each), then that answer checked against the tracer (``EngineAgreement``): exit 1 on any disagreement,
  /// 2 when the answer does not fit `--max-memory`.
  private func runRandom() throws {
    let text = RandomRulesetGenerator(rules: rules, seed: seed).text()
    if let save { try text.write(toFile: save, atomically: true, encoding: .utf8) }
    let clock = ContinuousClock()
    var parsed: ParseResult = .failed([])
    let parseCPU = Self.cpuSeconds()
    let parseTime = clock.measure { parsed = FirewallParser.parse(text: text, file: "random.rules", vendor: .iptables) }
    guard let ruleset = parsed.ruleset else {
      for d in parsed.diagnostics { print(d) }
      throw ExitCode(2)
    }
    let reachCPU = Self.cpuSeconds()
    var report: Result<ReachReport, PacketSpaceOverBudget> = .failure(PacketSpaceOverBudget(memoryLimit: 0))
    let reachTime = clock.measure {
      report = Result { () throws(PacketSpaceOverBudget) in
        try ReachReport(
          ruleset: ruleset, chain: "forward", from: [], to: [], analyzeRules: false, memoryLimit: maxMemory << 20)
      }
    }
    let endCPU = Self.cpuSeconds()
    print("rules:            \(ruleset.filterRuleCount) (random, seed \(seed))")
    print("parse:            \(Self.format(parseTime)) wall, \(Self.ms(reachCPU - parseCPU)) CPU")
    switch report {
    case .success(let report):
      print(
        "reach:            \(Self.format(reachTime)) wall, \(Self.ms(endCPU - reachCPU)) CPU "
          + "(\(report.services.count) service lines)")
    case .failure(let refusal):
      print("reach:            \(Self.format(reachTime)) wall, \(Self.ms(endCPU - reachCPU)) CPU: \(refusal)")
      print("peak RSS:         \(Self.peakResidentMegabytes()) MB")
      throw ExitCode(2)
    }
    print("peak RSS:         \(Self.peakResidentMegabytes()) MB (reach)")
    // The same answer again, kept, to check it against the tracer: every witness, and probes around random rules.
    let checkCPU = Self.cpuSeconds()
    let check = try EngineAgreement(ruleset: ruleset, probes: probes, seed: seed, memoryLimit: maxMemory << 20)
    print(
      "agreement:        \(Self.ms(Self.cpuSeconds() - checkCPU)) CPU; \(check.serviceLines) witnesses, "
        + "\(check.wrongWitnesses.count) wrong; \(check.probes) probes (\(check.allowedProbes) allowed), "
        + "\(check.disagreements.count) disagreements; \(check.nodes) BDD nodes")
    for line in (check.wrongWitnesses + check.disagreements).prefix(10) { print("  \(line)") }
    if !check.agrees { throw ExitCode(1) }
  }

  static func format(_ d: Duration) -> String {
    let (seconds, attoseconds) = d.components
    let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return String(format: "%.1f ms", ms)
  }

  static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

  /// CPU time of this process (user + system), so figures stay meaningful on a machine shared with other builds.
  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Peak resident set size from getrusage (kilobytes on Linux, bytes on macOS).
  static func peakResidentMegabytes() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
      getrusage(RUSAGE_SELF, &usage)
      return Int(usage.ru_maxrss) / (1024 * 1024)
    #else
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return Int(usage.ru_maxrss) / 1024
    #endif
  }
}

extension RulesetGenerator.Dialect: ExpressibleByArgument {}
