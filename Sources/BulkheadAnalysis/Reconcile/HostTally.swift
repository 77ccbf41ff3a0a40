import BulkheadCapture
import BulkheadModel

/// The hosts that demonstrably sent traffic, counted one record at a time: every initiator, and every responder
/// that answered (a host that only appears as the target of an unanswered attempt is not "seen").
///
/// Grows with the hosts, not the flows; two tallies merge in any order to the same hosts.
struct HostTally: Sendable {
  private struct Host: Sendable {
    var firstSeen: Double
    var lastSeen: Double
    var macs: Set<MACAddress> = []
    var serves: Set<ServiceSpan> = []
    var uses: Set<ServiceSpan> = []
    var seenAt: SourceLocation?

    mutating func merge(_ other: Host) {
      firstSeen = min(firstSeen, other.firstSeen)
      lastSeen = max(lastSeen, other.lastSeen)
      macs.formUnion(other.macs)
      serves.formUnion(other.serves)
      uses.formUnion(other.uses)
      if let theirs = other.seenAt, seenAt.map({ theirs < $0 }) ?? true { seenAt = theirs }
    }
  }

  /// The first address a MAC carried, and whether it carried another: a MAC with several addresses is a router's
  /// (a capture at a firewall interface sees its MAC on every forwarded packet) and identifies no host.
  private struct MACUse: Sendable {
    var address: IPAddress
    var shared: Bool
  }

  private var hosts: [IPAddress: Host] = [:]
  private var macs: [MACAddress: MACUse] = [:]

  /// Counts the two ends of one record.
  mutating func note(_ record: ObservationRecord) {
    let service = record.observation.span
    note(record.initiator, mac: record.initiatorMAC, record: record, serves: nil, uses: service)
    if record.answered {
      note(record.responder, mac: record.responderMAC, record: record, serves: service, uses: nil)
    }
  }

  private mutating func note(
    _ address: IPAddress, mac: MACAddress?, record: ObservationRecord, serves: ServiceSpan?, uses: ServiceSpan?
  ) {
    if let mac { noteMAC(mac, address) }
    // Updated in place: a host seen again costs look-ups, no new sets.
    let fresh = Host(firstSeen: record.firstSeen, lastSeen: record.lastSeen, seenAt: record.seenAt)
    withHost(address, default: fresh) { host in
      host.firstSeen = min(host.firstSeen, record.firstSeen)
      host.lastSeen = max(host.lastSeen, record.lastSeen)
      if let mac { host.macs.insert(mac) }
      if let serves { host.serves.insert(serves) }
      if let uses { host.uses.insert(uses) }
      if host.seenAt.map({ record.seenAt < $0 }) ?? true { host.seenAt = record.seenAt }
    }
  }

  private mutating func withHost(_ address: IPAddress, default fresh: Host, _ update: (inout Host) -> Void) {
    update(&hosts[address, default: fresh])
  }

  private mutating func noteMAC(_ mac: MACAddress, _ address: IPAddress) {
    if let use = macs[mac] {
      if !use.shared && use.address != address { macs[mac]?.shared = true }
    } else {
      macs[mac] = MACUse(address: address, shared: false)
    }
  }

  /// Adds another tally's hosts.
  mutating func merge(_ other: HostTally) {
    for (address, host) in other.hosts {
      if hosts[address] == nil {
        hosts[address] = host
      } else {
        hosts[address]?.merge(host)
      }
    }
    for (mac, use) in other.macs {
      if let mine = macs[mac] {
        macs[mac]?.shared = mine.shared || use.shared || mine.address != use.address
      } else {
        macs[mac] = use
      }
    }
  }

  /// The hosts, sorted by address, with the MACs that identify them and the vendor the capture's asset view gives.
  /// Every capture file has its own asset view: each adds its MACs, and the first that leaves the host a MAC names
  /// the vendor.
  func seenHosts(assets: [ObservedAsset]) -> [SeenHost] {
    let routerMACs = Set(macs.filter(\.value.shared).keys)
    var views: [IPAddress: [ObservedAsset]] = [:]
    for asset in assets { if let address = asset.ipAddress { views[address, default: []].append(asset) } }
    return hosts.map { address, host in
      var macs = host.macs.subtracting(routerMACs)
      var vendor: String?
      for asset in views[address] ?? [] {
        for mac in asset.macAddresses where !routerMACs.contains(mac) { macs.insert(mac) }
        if vendor == nil, !macs.isEmpty { vendor = asset.vendors.first { !$0.isEmpty } }
      }
      return SeenHost(
        address: address, macs: macs.sorted(), vendor: vendor, firstSeen: host.firstSeen, lastSeen: host.lastSeen,
        serves: host.serves.sorted().map(\.description), uses: host.uses.sorted().map(\.description),
        seenAt: host.seenAt)
    }.sorted()
  }

  /// How many hosts were seen.
  var count: Int { hosts.count }
}
