import ArgumentParser
import BulkheadFirewall
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `bulkhead bench firewall`: parse a generated ruleset and compute the full zone matrix, printing the figures.
struct BenchFirewallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "firewall",
    abstract: "Benchmark the firewall engine on a generated ruleset: parse time, zone-matrix time, peak memory."
  )

  @Option(help: "Number of rules to generate.") var rules: Int = 10_000
  @Option(help: "Number of zones (one interface each).") var zones: Int = 20
  @Option(help: "Generator seed.") var seed: UInt64 = 62443
  @Option(help: "Write the generated ruleset to this file as well.") var save: String?

  func run() throws {
    let generator = RulesetGenerator(rules: rules, zones: zones, seed: seed)
    let text = generator.text()
    if let save { try text.write(toFile: save, atomically: true, encoding: .utf8) }
    let clock = ContinuousClock()
    var parsed: ParseResult = .failed([])
    let parseTime = clock.measure { parsed = FirewallParser.parse(text: text, file: "bench.rules", vendor: .iptables) }
    guard let ruleset = parsed.ruleset else {
      for d in parsed.diagnostics { print(d) }
      throw ExitCode(2)
    }
    var cells: [ZonePairReach] = []
    var nodes = 0
    var policyNodes = 0
    var policyTime = Duration.zero
    let matrixTime = clock.measure {
      let matrix = ZoneMatrix(topology: generator.topology(ruleset: ruleset))
      policyTime = clock.measure { _ = matrix.permitted(0) }
      policyNodes = matrix.space.bdd.nodeCount
      cells = matrix.compute()
      nodes = matrix.space.bdd.nodeCount
    }
    let services = cells.reduce(0) { $0 + $1.services.count }
    let open = cells.filter { !$0.services.isEmpty }.count
    print("rules:            \(ruleset.filterRuleCount) (\(zones) zones, seed \(seed))")
    print("diagnostics:      \(ruleset.diagnostics.count)")
    print("parse:            \(Self.format(parseTime))")
    print(
      "zone matrix:      \(Self.format(matrixTime)) (\(cells.count) zone pairs, \(open) open, \(services) service lines)"
    )
    print("  of which policy: \(Self.format(policyTime)) (exact permitted set of the forward hook)")
    print("bdd nodes:        \(nodes) (\(policyNodes) after the policy)")
    print("peak RSS:         \(Self.peakResidentMegabytes()) MB")
  }

  static func format(_ d: Duration) -> String {
    let (seconds, attoseconds) = d.components
    let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return String(format: "%.1f ms", ms)
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
