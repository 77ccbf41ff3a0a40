import ArgumentParser
import BulkheadFirewall
import BulkheadModel
import Foundation

/// `bulkhead reach`: what the firewalls let through, as services with witness packets — the zone matrix of a
/// plant model, or one config between address sets (with per-rule findings).
struct ReachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reach",
    abstract: "Allowed services (with witness packets): the plant's zone matrix, or one config between address sets."
  )

  @Argument(help: "Plant model directory or bulkhead.yaml (instead of --config).")
  var model: String?

  @Option(help: "Firewall configuration file (iptables-save text, nft text or nft -j JSON).")
  var config: String?

  @Option(help: "Dialect (iptables, nftables, …; detected from the content when omitted or auto).")
  var vendor: FirewallVendor?

  @Option(help: "Source: CIDR(s), comma-separated, with --config; a zone id with a model (default: any).")
  var from: String?
  @Option(help: "Destination: CIDR(s), comma-separated, with --config; a zone id with a model (default: any).")
  var to: String?
  @Option(help: "Entry chain or hook (default: the forward hook; --config only).") var chain: String = "forward"
  @Flag(help: "Also report unreachable, shadowed, redundant and overly broad rules (--config only).") var rules = false
  @Option(help: "Output format: text or json.") var format: TraceCommand.Format = .text

  func validate() throws {
    if (model == nil) == (config == nil) {
      throw ValidationError("give a model directory or --config FILE (one of them)")
    }
  }

  func run() throws {
    if let model {
      try runModel(model)
      return
    }
    guard let config else { throw ExitCode.validationFailure }
    let result = FirewallParser.parse(contentsOf: config, vendor: vendor)
    for diagnostic in result.diagnostics {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    guard let ruleset = result.ruleset else { throw ExitCode(2) }
    let report = ReachReport(
      ruleset: ruleset, chain: chain, from: try Self.ranges(from), to: try Self.ranges(to), analyzeRules: rules)
    switch format {
    case .text: print(report.text)
    case .json: print(try TraceCommand.Format.json(report))
    }
  }

  private func runModel(_ path: String) throws {
    let loaded: LoadedModel
    do {
      loaded = try ModelLoader().load(path: path)
    } catch {
      FileHandle.standardError.write(Data((error.diagnostic.description + "\n").utf8))
      throw ExitCode(2)
    }
    let zoneIDs = Set(loaded.plant.zones.map(\.id))
    for zone in [from, to].compactMap({ $0 }) where !zoneIDs.contains(zone) {
      throw ValidationError("no zone '\(zone)' in the model (zones: \(zoneIDs.sorted().joined(separator: ", ")))")
    }
    let firewalls = PlantFirewalls(plant: loaded.plant)
    for diagnostic in firewalls.diagnostics where diagnostic.severity != .note {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    let report = ZoneMatrixReport(firewalls: firewalls, from: from, to: to)
    switch format {
    case .text: print(report.text)
    case .json: print(try TraceCommand.Format.json(report))
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
