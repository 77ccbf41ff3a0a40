import BulkheadCapture
import BulkheadModel

/// The hosts that demonstrably sent traffic: every initiator, and every responder that answered. A host that only
/// appears as the target of an unanswered attempt is not "seen".
enum SeenHosts {
  static func collect(records: [ObservationRecord], assets: [ObservedAsset]) -> [SeenHost] {
    var hosts: [IPAddress: SeenHost] = [:]
    func note(_ address: IPAddress, mac: MACAddress?, at record: ObservationRecord, serves: String?, uses: String?) {
      var host = hosts[address] ?? SeenHost(address: address, firstSeen: record.firstSeen, lastSeen: record.lastSeen)
      host.firstSeen = min(host.firstSeen, record.firstSeen)
      host.lastSeen = max(host.lastSeen, record.lastSeen)
      if let mac, !routerMACs.contains(mac), !host.macs.contains(mac) { host.macs.append(mac) }
      if let serves, !host.serves.contains(serves) { host.serves.append(serves) }
      if let uses, !host.uses.contains(uses) { host.uses.append(uses) }
      if host.seenAt == nil || record.seenAt < (host.seenAt ?? record.seenAt) { host.seenAt = record.seenAt }
      hosts[address] = host
    }
    // A MAC that carries several addresses is a router's (captures at a firewall interface see its MAC on every
    // forwarded packet): it identifies no host.
    var addressesByMAC: [MACAddress: Set<IPAddress>] = [:]
    for record in records {
      if let mac = record.initiatorMAC { addressesByMAC[mac, default: []].insert(record.initiator) }
      if let mac = record.responderMAC { addressesByMAC[mac, default: []].insert(record.responder) }
    }
    let routerMACs = Set(addressesByMAC.filter { $0.value.count > 1 }.keys)
    for record in records {
      let service = record.transport.hasPorts ? "\(record.transport)/\(record.responderPort)" : "\(record.transport)"
      note(record.initiator, mac: record.initiatorMAC, at: record, serves: nil, uses: service)
      if record.answered {
        note(record.responder, mac: record.responderMAC, at: record, serves: service, uses: nil)
      }
    }
    for asset in assets {
      guard let address = asset.ipAddress, var host = hosts[address] else { continue }
      for mac in asset.macAddresses where !routerMACs.contains(mac) && !host.macs.contains(mac) {
        host.macs.append(mac)
      }
      if host.vendor == nil, !host.macs.isEmpty { host.vendor = asset.vendors.first { !$0.isEmpty } }
      hosts[address] = host
    }
    return hosts.values.map { host in
      var host = host
      host.macs.sort()
      host.serves.sort()
      host.uses.sort()
      return host
    }.sorted()
  }
}
