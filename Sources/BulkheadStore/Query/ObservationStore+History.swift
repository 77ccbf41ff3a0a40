import BulkheadAnalysis
import BulkheadCapture
import BulkheadModel
import Foundation

extension ObservationStore {
  /// The store over `window` as the assessment reads it: one record per flow key (capture points merged hour by
  /// hour, hours added up) standing for its connections, the hosts' MACs with their vendors, and which of
  /// `modelCaptures` the store already holds (same SHA-256), so they are not read twice.
  ///
  /// Stored paths are relative to the plant directory `root`; records point back at `root`/path so that evidence
  /// names the file as a direct assessment does.
  public func history(in window: StoreWindow = StoreWindow(), root: String, modelCaptures: [String] = [])
    throws(StoreError) -> RecordedHistory
  {
    let flows = try flows(in: window)
    var records: [ObservationRecord] = []
    records.reserveCapacity(flows.count)
    for flow in flows { records.append(Self.record(flow, root: root)) }
    let hostRows = try hostRows(in: window)
    let vendors = try read { db in try BatchReader.vendors(db) }
    var covered: Set<String> = []
    let stored = Set(try ingestedFiles().map(\.sha256))
    for file in modelCaptures where !file.hasSuffix(".json") {
      if let (digest, _) = try? FileDigest.sha256(path: file), stored.contains(digest) { covered.insert(file) }
    }
    var packets = 0
    for file in try ingestedFiles() where Self.overlaps(file, window) { packets += file.packets }
    return RecordedHistory(
      records: records, assets: Self.assets(hostRows, vendors: vendors), coveredFiles: covered,
      packets: UInt64(max(0, packets)))
  }

  private static func overlaps(_ file: IngestedFile, _ window: StoreWindow) -> Bool {
    guard let first = file.firstSeen, let last = file.lastSeen else {
      return window.since == nil && window.until == nil
    }
    if let since = window.since, last < since { return false }
    if let until = window.until, first >= until { return false }
    return true
  }

  /// A stored flow as the record of its connections.
  static func record(_ flow: StoredFlow, root: String) -> ObservationRecord {
    let key = flow.key
    let counts = flow.counts
    var classes: [String: Int] = [:]
    var names: [String: Int] = [:]
    for (operation, count) in counts.operations {
      classes[operation.operationClass, default: 0] += count
      names[operation.name, default: 0] += count
    }
    let transport = TransportProtocol(number: key.transport)
    let observation = FlowObservation(
      initiator: key.initiator, initiatorPort: counts.initiatorPort, responder: key.responder,
      responderPort: key.responderPort, transport: transport, initiatorCertain: key.initiatorCertain,
      answered: key.answered, packets: counts.packets, bytes: counts.bytes, firstSeen: counts.firstSeen,
      lastSeen: counts.lastSeen, application: key.application.isEmpty ? nil : key.application, operations: classes,
      operationNames: names, authenticated: flag(key.authenticated), encrypted: flag(key.encrypted),
      securityMode: key.securityMode.isEmpty ? nil : key.securityMode)
    let file =
      counts.firstFile.hasPrefix("/") || counts.firstFile.hasPrefix("live:")
      ? counts.firstFile : (root as NSString).appendingPathComponent(counts.firstFile)
    return ObservationRecord(
      observation, seenAt: SourceLocation(file: file, line: counts.firstPacket), flows: counts.flows)
  }

  /// Hosts' link-layer view: every MAC an address used or was bound to, with its vendor. A MAC that several
  /// addresses sent from is a router's; the assessment leaves it out of host identities.
  static func assets(_ rows: [HostBucketKey: ClosedRange<Double>], vendors: [MACAddress: String]) -> [ObservedAsset] {
    var senders: [MACAddress: Set<IPAddress>] = [:]
    for key in rows.keys where key.inFlow {
      if let mac = key.mac { senders[mac, default: []].insert(key.address) }
    }
    let routers = Set(senders.filter { $0.value.count > 1 }.keys)
    var macs: [IPAddress: Set<MACAddress>] = [:]
    var spans: [IPAddress: ClosedRange<Double>] = [:]
    for (key, span) in rows {
      if let mac = key.mac, !routers.contains(mac) { macs[key.address, default: []].insert(mac) }
      if let known = spans[key.address] {
        spans[key.address] = min(known.lowerBound, span.lowerBound)...max(known.upperBound, span.upperBound)
      } else {
        spans[key.address] = span
      }
    }
    return macs.keys.sorted().map { address in
      let sorted = (macs[address] ?? []).sorted()
      let span = spans[address] ?? 0...0
      return ObservedAsset(
        ipAddress: address, macAddresses: sorted, vendors: sorted.map { vendors[$0] ?? "" },
        firstSeen: CaptureTimestamp(nanoseconds: Int64(span.lowerBound * 1e9)),
        lastSeen: CaptureTimestamp(nanoseconds: Int64(span.upperBound * 1e9)))
    }
  }

  private static func flag(_ value: Int8) -> Bool? {
    switch value {
    case 1: true
    case 0: false
    default: nil
    }
  }
}
