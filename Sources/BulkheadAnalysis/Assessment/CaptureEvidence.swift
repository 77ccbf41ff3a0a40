import BulkheadCapture
import BulkheadModel

/// What captures show without a model: every reconciled flow (the same connection at several capture points joined
/// once), the hosts that sent traffic with their own MACs and MAC vendor, and what could not be read.
///
/// `bulkhead discover` drafts a model from it; it reads the captures exactly as `assess` does, with no zones, no
/// conduits and no firewalls, so every flow's zones are nil and its verdict unknown.
public struct CaptureEvidence: Sendable {
  /// The hosts that sent traffic (initiators, and responders that answered), sorted by address.
  public var hosts: [SeenHost]
  /// For each host with a MAC of its own, the capture files whose link layer shows it with that MAC: the capture
  /// points on its own link (elsewhere it is behind a router, whose MAC its packets carry).
  public var linkFiles: [IPAddress: Set<String>]
  /// Reconciled flows.
  public var flowCount: Int
  /// Packets read.
  public var packets: UInt64
  /// What could not be read or interpreted, with file and packet number.
  public var diagnostics: [Diagnostic]

  /// Reads `files` (pcap, pcapng or `*.json` observations). `onFlow` sees every reconciled flow once, from several
  /// threads at once and in no particular order.
  public static func read(files: [String], onFlow: @escaping @Sendable (ObservedFlowFacts) -> Void) -> CaptureEvidence {
    let plant = Plant(name: "discover")
    let firewalls = FirewallView(plant: plant)
    let reading = CaptureFiles.read(
      files, plant: plant, model: PathModel(plant: plant, firewalls: firewalls), onFlow: { flow, _ in onFlow(flow) })
    let hosts = reading.tally.hosts.seenHosts(assets: reading.assets)
    var linkFiles: [IPAddress: Set<String>] = [:]
    let own = Dictionary(hosts.map { ($0.address, Set($0.macs)) }, uniquingKeysWith: { a, _ in a })
    for (file, assets) in reading.assetsByFile {
      for asset in assets {
        guard let address = asset.ipAddress, let macs = own[address] else { continue }
        if asset.macAddresses.contains(where: macs.contains) { linkFiles[address, default: []].insert(file) }
      }
    }
    return CaptureEvidence(
      hosts: hosts, linkFiles: linkFiles, flowCount: reading.tally.flows,
      packets: reading.packets, diagnostics: (firewalls.diagnostics + reading.diagnostics).sorted())
  }
}
