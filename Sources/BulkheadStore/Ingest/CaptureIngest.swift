import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import Foundation

/// Takes capture files into the store, one transaction per file: read through the flow table with every dissector
/// attached (the same fast path `assess` reads), aggregated per hour bucket, committed with the file's digest.
///
/// A file whose digest is already stored is skipped; a file cut off by a killed process is simply not there, and
/// the next run takes it in whole.
public struct CaptureIngest: Sendable {
  /// What happened to one file.
  public enum Outcome: Hashable, Sendable {
    /// Taken in: the file record with its totals.
    case ingested(IngestedFile)
    /// Already in the store (same SHA-256), taken in before from `path`.
    case skipped(sha256: String, path: String)
    /// Could not be read as a capture: nothing was written.
    case failed([Diagnostic])
  }

  /// The store written to.
  public let store: ObservationStore
  /// The plant directory: stored paths are relative to it.
  public var root: String
  /// Bulkhead's version, recorded with each file.
  public var toolVersion: String
  /// Threads each file is read on (split by flow, see ``ShardedCapture``).
  public var shards: Int

  /// Creates an ingest into `store`.
  public init(store: ObservationStore, root: String, toolVersion: String, shards: Int = 1) {
    self.store = store
    self.root = root
    self.toolVersion = toolVersion
    self.shards = shards
  }

  /// Takes in one capture file recorded at `capturePoint`; `diagnostics` receives what was not interpreted.
  public func ingest(file: String, capturePoint: String) throws(StoreError) -> (Outcome, [Diagnostic]) {
    let (digest, size) = try FileDigest.sha256(path: file)
    let relative = Self.relative(file, to: root)
    if try store.contains(sha256: digest) {
      let earlier = (try? store.ingestedFiles().first { $0.sha256 == digest })?.path ?? relative
      return (.skipped(sha256: digest, path: earlier), [])
    }
    let capture = DissectedCapture.read(files: [file], shards: max(1, shards))
    let report = capture.report
    let unreadable = report.diagnostics.filter { $0.severity == .error }
    if report.statistics.packetsRead == 0, !unreadable.isEmpty {
      return (.failed(report.diagnostics), report.diagnostics)
    }
    var batch = ObservationBatch()
    batch.packets = Int(report.statistics.packetsRead)
    for (flow, observation) in zip(report.flows, capture.observations) {
      batch.add(flow, observation: observation, file: relative, capturePoint: capturePoint)
    }
    // MACs the capture's asset view bound to addresses (ARP included) of hosts seen in flows, in the hour the
    // address was first seen.
    let seen = Set(batch.hosts.keys.map(\.address))
    for asset in report.assets {
      for (mac, vendor) in zip(asset.macAddresses, asset.vendors) where !vendor.isEmpty { batch.vendors[mac] = vendor }
      guard let address = asset.ipAddress, seen.contains(address) else { continue }
      let first = asset.firstSeen.seconds
      let last = asset.lastSeen.seconds
      for mac in asset.macAddresses {
        batch.note(
          host: HostBucketKey(
            bucket: FlowBucketKey.bucket(of: first), capturePoint: capturePoint, address: address, mac: mac,
            inFlow: false),
          first: first, last: last)
      }
    }
    let record = IngestedFile(
      sha256: digest, path: relative, size: size, kind: .capture, capturePoint: capturePoint,
      packets: batch.packets, ingestedAt: CalendarTime.text(Date().timeIntervalSince1970), toolVersion: toolVersion)
    guard try store.commit(batch, file: record) else {
      return (.skipped(sha256: digest, path: relative), report.diagnostics)
    }
    var written = record
    let totals = batch.totals
    written.flows = totals.flows
    written.flowPackets = totals.packets
    written.flowBytes = totals.bytes
    written.firstSeen = batch.span?.lowerBound
    written.lastSeen = batch.span?.upperBound
    return (.ingested(written), report.diagnostics)
  }

  /// `path` relative to `root` when it lies inside it, else as given.
  static func relative(_ path: String, to root: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    let base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
  }
}
