import ArgumentParser
import BulkheadFirewall
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead reach`: what the firewalls let through, as services with witness packets — the zone matrix of a
/// plant model, or one config between address sets (with per-rule findings).
struct ReachCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "reach",
    abstract: "Allowed services (with witness packets): the plant's zone matrix, or one config between address sets.",
    discussion: """
      Exit status: 0 computed, 2 the model or config cannot be read, the exact answer needs more than --max-memory \
      (the ruleset is refused, never approximated), bad arguments, or the output cannot be written.
      """
  )

  @OptionGroup var input: FirewallInputOptions

  @Option(help: "Source: CIDR(s), comma-separated, with --config; a zone id with a model (default: any).")
  var from: String?
  @Option(help: "Destination: CIDR(s), comma-separated, with --config; a zone id with a model (default: any).")
  var to: String?
  @Option(help: "Entry chain or hook (default: the forward hook; --config only).") var chain: String = "forward"
  @Flag(help: "Also report unreachable, shadowed, redundant and overly broad rules (--config only).") var rules = false
  @Option(help: "Output format.") var format: OutputFormat = .text
  @OptionGroup var destination: OutputOptions
  @OptionGroup var console: ConsoleOptions
  @Option(
    help: ArgumentHelp(
      "Memory for the exact answer, in MB: a larger ruleset is refused rather than approximated.", valueName: "MB"))
  var maxMemory: Int = PacketSpace.defaultMemoryLimit >> 20

  func validate() throws {
    if maxMemory < 8 || maxMemory > 1 << 30 { throw ValidationError("--max-memory takes 8 to 1073741824 (MB)") }
  }

  func run() throws {
    do {
      try compute()
    } catch let refusal as PacketSpaceOverBudget {
      Console.error("error: \(refusal)")
      throw ExitCode(2)
    }
  }

  private func compute() throws {
    switch try input.load() {
    case .config(let ruleset):
      let report = try ReachReport(
        ruleset: ruleset, chain: chain, from: try Self.ranges(from), to: try Self.ranges(to), analyzeRules: rules,
        memoryLimit: maxMemory << 20)
      try destination.write(format == .json ? DeterministicJSON.text(report) : ReachText.render(report))
    case .plant(let loaded):
      let zoneIDs = Set(loaded.plant.zones.map(\.id))
      for zone in [from, to].compactMap({ $0 }) where !zoneIDs.contains(zone) {
        throw ValidationError("no zone '\(zone)' in the model (zones: \(zoneIDs.sorted().joined(separator: ", ")))")
      }
      let report = try ZoneMatrixReport(
        firewalls: input.firewalls(of: loaded), from: from, to: to, memoryLimit: maxMemory << 20)
      try destination.write(format == .json ? DeterministicJSON.text(report) : ZoneMatrixReportText.render(report))
    }
  }

  static func ranges(_ text: String?) throws -> [AddressRange] {
    guard let text else { return [] }
    return try text.split(separator: ",").map { part in
      guard let net = IPNetwork(part) else { throw ValidationError("not a CIDR block: \(part)") }
      return AddressRange(net)
    }
  }
}
