import BulkheadFirewall
import BulkheadModel
import Foundation

/// One firewall interface as a zone candidate: the networks the firewall's forwarding rules bind to it (sources of
/// the rules matching packets that enter by it, destinations of those that leave by it), and what the draft made of
/// it.
///
/// A config says which addresses a rule expects behind an interface even when the captures saw none of them: the
/// office's whole /16 behind the enterprise interface, not only the three /24s whose hosts talked.
public struct InterfaceCandidate: Hashable, Sendable {
  /// The firewall, named after its config file (`fw-itot`).
  public var firewall: String
  /// The config file, as given.
  public var file: String
  /// The interface name.
  public var interface: String
  /// The networks, those inside another one of the list left out, sorted.
  public var networks: [IPNetwork]
  /// The zones of the draft these networks went into (widening a zone, or as a zone of their own), sorted.
  public var zones: [String] = []

  /// Every interface candidate of one parsed ruleset, sorted by interface.
  static func candidates(of ruleset: Ruleset, firewall: String, file: String) -> [InterfaceCandidate] {
    var networks: [String: Set<IPNetwork>] = [:]
    for table in ruleset.tables where table.isFilter {
      for chain in table.chains where chain.isFilter && ruleset.filtersTransit(chain) {
        for rule in chain.rules {
          var ins: [String] = []
          var outs: [String] = []
          var sources: [AddressRange] = []
          var destinations: [AddressRange] = []
          for match in rule.matches {
            switch match {
            case .inInterface(let patterns, false): ins += patterns.filter { !$0.isWildcard }.map(\.name)
            case .outInterface(let patterns, false): outs += patterns.filter { !$0.isWildcard }.map(\.name)
            case .source(let ranges, false): sources += ranges
            case .destination(let ranges, false): destinations += ranges
            default: continue
            }
          }
          for interface in ins { networks[interface, default: []].formUnion(sources.flatMap(Self.blocks)) }
          for interface in outs { networks[interface, default: []].formUnion(destinations.flatMap(Self.blocks)) }
        }
      }
    }
    return networks.keys.sorted().compactMap { interface in
      let all = networks[interface] ?? []
      let outermost = all.filter { network in !all.contains { $0 != network && $0.contains(network) } }.sorted()
      guard !outermost.isEmpty else { return nil }
      return InterfaceCandidate(firewall: firewall, file: file, interface: interface, networks: outermost)
    }
  }

  /// An address range as CIDR blocks (IPv4 split exactly; IPv6 only when it is one block); a whole family ("any")
  /// names no network and gives none.
  static func blocks(_ range: AddressRange) -> [IPNetwork] {
    if range.isWholeFamily { return [] }
    if range.family == .v6 {
      for prefix in 0...128 {
        let network = IPNetwork(address: range.first, prefixLength: prefix)
        if network.first == range.first && network.last == range.last { return [network] }
      }
      return []
    }
    var blocks: [IPNetwork] = []
    var start = UInt64(range.first.v4Value)
    let end = UInt64(range.last.v4Value)
    while start <= end {
      // The largest aligned block from `start` that does not pass `end`.
      var size: UInt64 = start == 0 ? 1 << 32 : start & (~start &+ 1)
      while start + size - 1 > end { size >>= 1 }
      let prefix = 32 - (size.trailingZeroBitCount)
      blocks.append(IPNetwork(address: IPAddress(v4: UInt32(truncatingIfNeeded: start)), prefixLength: prefix))
      start += size
    }
    return blocks
  }

  /// Parses `configs` (vendor detected from the content): the candidates of each, and every parser diagnostic.
  static func read(configs: [String]) -> (candidates: [InterfaceCandidate], diagnostics: [Diagnostic]) {
    var candidates: [InterfaceCandidate] = []
    var diagnostics: [Diagnostic] = []
    for file in configs {
      let result = FirewallParser.parse(contentsOf: file, vendor: nil)
      diagnostics += result.diagnostics
      guard let ruleset = result.ruleset else { continue }
      let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
      candidates += Self.candidates(of: ruleset, firewall: Discovery.identifier(name), file: file)
    }
    return (candidates, diagnostics)
  }
}
