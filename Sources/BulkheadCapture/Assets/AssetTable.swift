import BulkheadModel

/// Accumulates the asset view: every unicast IP and MAC seen, with first/last seen, MAC bindings and service roles.
///
/// Fed per finished flow (cheap: one update per flow, not per packet), per ARP packet and per non-IP frame.
final class AssetTable {
  private struct Entry {
    var firstSeen: Int64
    var lastSeen: Int64
    var macs: Set<UInt64> = []
    var roles: Set<ServiceRole> = []
    var arp = false
  }

  private var byAddress: [IPAddress: Entry] = [:]
  private var macOnly: [UInt64: (Int64, Int64)] = [:]
  /// MAC↔IP bindings stated by ARP.
  private(set) var arpBindings = 0

  func add(_ flow: FlowRecord) {
    let roleFlow = flow.transport.hasPorts
    note(
      flow.initiator, mac: flow.initiatorMAC, first: flow.firstSeen.nanoseconds, last: flow.lastSeen.nanoseconds,
      role: roleFlow ? ServiceRole(side: .client, transport: flow.transport, port: flow.responderPort) : nil)
    note(
      flow.responder, mac: flow.responderMAC, first: flow.firstSeen.nanoseconds, last: flow.lastSeen.nanoseconds,
      role: roleFlow ? ServiceRole(side: .server, transport: flow.transport, port: flow.responderPort) : nil)
  }

  /// An ARP packet: the sender states its binding (RFC 826); a zero sender address (probe) binds nothing.
  func arp(senderMAC: UInt64, senderIP: UInt32, time: Int64) {
    if senderIP == 0 {
      sawMAC(senderMAC, time: time)
      return
    }
    let address = IPAddress(v4: senderIP)
    guard Self.isUnicast(address) else { return }
    var entry = byAddress[address] ?? Entry(firstSeen: time, lastSeen: time)
    entry.firstSeen = min(entry.firstSeen, time)
    entry.lastSeen = max(entry.lastSeen, time)
    if senderMAC & (1 << 40) == 0 && senderMAC != 0 { entry.macs.insert(senderMAC) }
    if !entry.arp { arpBindings += 1 }
    entry.arp = true
    byAddress[address] = entry
  }

  /// A frame without IP (LLDP, PROFINET, GOOSE, ...): its sender is a device even if it never speaks IP.
  func sawMAC(_ mac: UInt64, time: Int64) {
    guard mac & (1 << 40) == 0, mac != 0 else { return }
    if let seen = macOnly[mac] {
      macOnly[mac] = (min(seen.0, time), max(seen.1, time))
    } else {
      macOnly[mac] = (time, time)
    }
  }

  private func note(_ address: IPAddress, mac: MACAddress?, first: Int64, last: Int64, role: ServiceRole?) {
    guard Self.isUnicast(address) else { return }
    var entry = byAddress[address] ?? Entry(firstSeen: first, lastSeen: last)
    entry.firstSeen = min(entry.firstSeen, first)
    entry.lastSeen = max(entry.lastSeen, last)
    if let mac, !mac.isMulticast { entry.macs.insert(mac.value) }
    if let role { entry.roles.insert(role) }
    byAddress[address] = entry
  }

  /// Multicast, broadcast and unspecified addresses name no device.
  static func isUnicast(_ address: IPAddress) -> Bool {
    switch address.family {
    case .v4:
      let v = address.v4Value
      return v != 0 && v != 0xffff_ffff && v >> 28 != 0xe
    case .v6:
      return !(address.high == 0 && address.low == 0) && address.high >> 56 != 0xff
    }
  }

  /// The assets, IP assets sorted by address, then MAC-only devices sorted by MAC.
  func assets(vendors: OUIRegistry?) -> [ObservedAsset] {
    func name(_ mac: UInt64) -> String { vendors?.vendor(of: UInt32(truncatingIfNeeded: mac >> 24)) ?? "" }
    var result: [ObservedAsset] = []
    var bound = Set<UInt64>()
    for (address, entry) in byAddress.sorted(by: { $0.key < $1.key }) {
      let macs = entry.macs.sorted()
      bound.formUnion(macs)
      result.append(
        ObservedAsset(
          ipAddress: address, macAddresses: macs.map { MACAddress(value: $0) }, vendors: macs.map(name),
          firstSeen: CaptureTimestamp(nanoseconds: entry.firstSeen),
          lastSeen: CaptureTimestamp(nanoseconds: entry.lastSeen),
          roles: entry.roles.sorted(), seenInARP: entry.arp))
    }
    for (mac, seen) in macOnly.sorted(by: { $0.key < $1.key }) where !bound.contains(mac) {
      result.append(
        ObservedAsset(
          ipAddress: nil, macAddresses: [MACAddress(value: mac)], vendors: [name(mac)],
          firstSeen: CaptureTimestamp(nanoseconds: seen.0), lastSeen: CaptureTimestamp(nanoseconds: seen.1)))
    }
    return result
  }
}
