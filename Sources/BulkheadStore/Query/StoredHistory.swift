import BulkheadModel

/// Folds stored rows into per-key totals over a window.
enum StoredHistory {
  /// Rows → one ``StoredFlow`` per key: rows of the same hour and key from different capture points overlap (the
  /// larger counts win, as `assess` merges one connection seen twice), hours add up.
  static func fold(_ rows: [FlowBucketKey: FlowBucketCounts]) -> [StoredFlow] {
    var hourly: [FlowBucketKey: (counts: FlowBucketCounts, points: Set<String>)] = [:]
    // Capture points in name order, so overlapping is independent of the order rows came in.
    for (key, counts) in rows.sorted(by: { StoredOrder.precedes($0.key, $1.key) }) {
      let merged = key.withoutCapturePoint
      if var existing = hourly[merged] {
        existing.counts.overlap(counts)
        existing.points.insert(key.capturePoint)
        hourly[merged] = existing
      } else {
        hourly[merged] = (counts, [key.capturePoint])
      }
    }
    var flows: [StoredFlowKey: StoredFlow] = [:]
    for (key, value) in hourly.sorted(by: { StoredOrder.precedes($0.key, $1.key) }) {
      let flowKey = key.flowKey
      if var existing = flows[flowKey] {
        existing.counts.add(value.counts)
        existing.capturePoints = Array(Set(existing.capturePoints).union(value.points)).sorted()
        existing.buckets.append(key.bucket)
        flows[flowKey] = existing
      } else {
        flows[flowKey] = StoredFlow(
          key: flowKey, counts: value.counts, capturePoints: value.points.sorted(), buckets: [key.bucket])
      }
    }
    return flows.values.sorted { a, b in
      StoredOrder.precedes(
        FlowBucketKey(flowKey: a.key, bucket: 0, capturePoint: ""),
        FlowBucketKey(flowKey: b.key, bucket: 0, capturePoint: ""))
    }
  }

  static func hosts(_ rows: [HostBucketKey: ClosedRange<Double>]) -> [StoredHost] {
    var hosts: [IPAddress: StoredHost] = [:]
    for (key, span) in rows where key.inFlow {
      var host =
        hosts[key.address]
        ?? StoredHost(
          address: key.address, firstSeen: span.lowerBound, lastSeen: span.upperBound, flowMACs: [], boundMACs: [])
      host.firstSeen = min(host.firstSeen, span.lowerBound)
      host.lastSeen = max(host.lastSeen, span.upperBound)
      if let mac = key.mac, !host.flowMACs.contains(mac) { host.flowMACs.append(mac) }
      hosts[key.address] = host
    }
    for (key, _) in rows where !key.inFlow {
      guard let mac = key.mac, var host = hosts[key.address], !host.boundMACs.contains(mac) else { continue }
      host.boundMACs.append(mac)
      hosts[key.address] = host
    }
    return hosts.values.map { host in
      var host = host
      host.flowMACs.sort()
      host.boundMACs.sort()
      return host
    }.sorted { $0.address < $1.address }
  }
}

extension FlowBucketKey {
  /// A key from its flow part.
  init(flowKey: StoredFlowKey, bucket: Int64, capturePoint: String) {
    self.init(
      bucket: bucket, capturePoint: capturePoint, initiator: flowKey.initiator, responder: flowKey.responder,
      responderPort: flowKey.responderPort, transport: flowKey.transport, vlan: flowKey.vlan,
      application: flowKey.application, securityMode: flowKey.securityMode, authenticated: flowKey.authenticated,
      encrypted: flowKey.encrypted, answered: flowKey.answered, initiatorCertain: flowKey.initiatorCertain)
  }
}
