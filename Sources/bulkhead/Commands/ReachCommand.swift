import ArgumentParser
import BulkheadFirewall
import BulkheadModel
import Foundation

/// `bulkhead reach`: everything a firewall config lets through from one address set to another, as services with
/// witness packets, plus per-rule findings.
struct ReachCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reach",
    abstract: "Allowed services (with witness packets) between address sets through a firewall config."
  )

  @Option(help: "Firewall configuration file (iptables-save text or nft -j JSON).")
  var config: String

  @Option(help: "Dialect: iptables or nftables (detected from the content when omitted).")
  var vendor: Vendor?

  @Option(help: "Source CIDR(s), comma-separated (default: any).") var from: String?
  @Option(help: "Destination CIDR(s), comma-separated (default: any).") var to: String?
  @Option(help: "Entry chain or hook (default: the forward hook).") var chain: String = "forward"
  @Flag(help: "Also report unreachable, shadowed, redundant and overly broad rules.") var rules = false
  @Option(help: "Output format: text or json.") var format: TraceCommand.Format = .text

  func run() throws {
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

  static func ranges(_ text: String?) throws -> [AddressRange] {
    guard let text else { return [] }
    return try text.split(separator: ",").map { part in
      guard let net = IPNetwork(part) else { throw ValidationError("not a CIDR block: \(part)") }
      return AddressRange(net)
    }
  }
}
