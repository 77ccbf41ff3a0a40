import BulkheadModel
import Dispatch
import Synchronization

extension CaptureReport {
  /// Combines the reports of independent sessions (one per file, read in parallel) into one, in the given order:
  /// flows renumbered after one another, file indices shifted, assets united per address, counters summed
  /// (`peakLiveFlows` becomes the sum of the sessions' peaks).
  public static func merging(_ reports: [CaptureReport]) -> CaptureReport {
    var merged = CaptureReport()
    for report in reports {
      let flowOffset = merged.flows.count
      let fileOffset = merged.files.count
      merged.files += report.files
      for var flow in report.flows {
        flow.flowID += flowOffset
        flow.firstFileIndex += fileOffset
        merged.flows.append(flow)
      }
      merged.statistics.add(report.statistics)
      merged.diagnostics += report.diagnostics
      merged.vendorTableNotice = merged.vendorTableNotice ?? report.vendorTableNotice
    }
    merged.assets = unitedAssets(reports)
    return merged
  }

  /// The sessions' assets united per address (MAC-only assets per MAC, unless some address claims the MAC).
  static func unitedAssets(_ reports: [CaptureReport]) -> [ObservedAsset] {
    var assets: [IPAddress: ObservedAsset] = [:]
    var macOnly: [MACAddress: ObservedAsset] = [:]
    for report in reports {
      for asset in report.assets {
        if let address = asset.ipAddress {
          assets[address] = assets[address].map { Self.unite($0, asset) } ?? asset
        } else if let mac = asset.macAddresses.first {
          macOnly[mac] = macOnly[mac].map { Self.unite($0, asset) } ?? asset
        }
      }
    }
    let bound = Set(assets.values.flatMap(\.macAddresses))
    return assets.values.sorted { ($0.ipAddress ?? IPAddress(v4: 0)) < ($1.ipAddress ?? IPAddress(v4: 0)) }
      + macOnly.filter { !bound.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
  }

  private static func unite(_ a: ObservedAsset, _ b: ObservedAsset) -> ObservedAsset {
    var vendors: [MACAddress: String] = [:]
    for (mac, vendor) in zip(a.macAddresses, a.vendors) { vendors[mac] = vendor }
    for (mac, vendor) in zip(b.macAddresses, b.vendors) { vendors[mac] = vendor }
    let macs = vendors.keys.sorted()
    return ObservedAsset(
      ipAddress: a.ipAddress, macAddresses: macs, vendors: macs.map { vendors[$0] ?? "" },
      firstSeen: min(a.firstSeen, b.firstSeen), lastSeen: max(a.lastSeen, b.lastSeen),
      roles: Array(Set(a.roles).union(b.roles)).sorted(), seenInARP: a.seenInARP || b.seenInARP)
  }

  /// Reads each file in its own session, `jobs` at a time (one file per session, so flows never span files), and
  /// merges the reports in file order. No payload consumer: handlers are not shared across threads.
  public static func readingInParallel(files: [String], options: CaptureOptions = CaptureOptions(), jobs: Int)
    -> CaptureReport
  {
    let results = Mutex<[Int: CaptureReport]>([:])
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, files.count))) { _ in
      while true {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if index >= files.count { return }
        let report = CaptureSession.run(files: [files[index]], options: options)
        results.withLock { $0[index] = report }
      }
    }
    let reports = results.withLock { collected in files.indices.compactMap { collected[$0] } }
    return merging(reports)
  }
}
