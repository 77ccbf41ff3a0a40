import BulkheadCapture
import BulkheadDissect
import Crypto
import Foundation

/// `bulkhead monitor`: frames from a live interface through the same flow table and dissectors as a capture file,
/// finished flows aggregated per hour and committed to the store every ``flushInterval`` seconds and at the stop.
///
/// Frames are handed to the session in small in-memory pcap chunks (one continuous capture, as several files are),
/// so live traffic takes exactly the path a recorded capture takes. Passive only: the interface is opened for
/// reading, nothing is sent.
public final class LiveMonitor {
  /// What a run saw.
  public struct Summary: Sendable, Hashable {
    public var frames = 0
    public var flows = 0
    public var flushes = 0
    /// libpcap's counters at the stop.
    public var received: UInt32 = 0
    public var dropped: UInt32 = 0
    public var interfaceDropped: UInt32 = 0
  }

  public let store: ObservationStore
  public let interface: String
  public var capturePoint: String
  public var flushInterval: Double
  public var toolVersion: String
  public var snaplen: Int32
  public var promiscuous: Bool
  public var filter: String?
  /// Flows idle this long (capture time) are finished; default 2 minutes, shorter than a file's default so that
  /// live flows reach the store soon after they stop.
  public var idleTimeout: Double = 120

  /// Creates a monitor of `interface` writing to `store`.
  public init(
    store: ObservationStore, interface: String, capturePoint: String, flushInterval: Double = 60,
    toolVersion: String, snaplen: Int32 = 65_535, promiscuous: Bool = true, filter: String? = nil
  ) {
    self.store = store
    self.interface = interface
    self.capturePoint = capturePoint
    self.flushInterval = flushInterval
    self.toolVersion = toolVersion
    self.snaplen = snaplen
    self.promiscuous = promiscuous
    self.filter = filter
  }

  /// Captures until `shouldStop` answers true (checked at least every 200 ms), then finishes every flow and
  /// commits the last batch. `progress` hears of every flush.
  public func run(shouldStop: () -> Bool, progress: (Summary) -> Void = { _ in }) throws -> Summary {
    let live = try LiveInterface(name: interface, snaplen: snaplen, promiscuous: promiscuous, filter: filter)
    var options = CaptureOptions()
    options.collectFlows = false
    options.idleTimeoutNanoseconds = Int64(idleTimeout * 1e9)
    let consumer = DissectorConsumer()
    let session = CaptureSession(options: options, consumer: consumer)
    var batch = ObservationBatch()
    var summary = Summary()
    let name = "live:\(interface)"
    session.onFlowEnd = { flow in
      batch.add(
        flow, observation: consumer.observation(forFlow: flow.flowID), file: name, capturePoint: self.capturePoint)
      summary.flows += 1
    }
    let started = Date()
    var chunk = PcapChunk(linkType: UInt32(bitPattern: live.linkType), snaplen: UInt32(live.snaplen))
    var lastHandOver = Date()
    var lastFlush = Date()
    func handOver() {
      guard chunk.frames > 0 else { return }
      chunk.bytes.withUnsafeBytes { session.read(bytes: $0, name: name) }
      chunk.reset()
      lastHandOver = Date()
    }
    func flush() throws {
      handOver()
      summary.flushes += 1
      let stats = live.statistics()
      summary.received = stats.received
      summary.dropped = stats.dropped
      summary.interfaceDropped = stats.interfaceDropped
      if !batch.flows.isEmpty || !batch.hosts.isEmpty {
        let identity = "live|\(interface)|\(capturePoint)|\(started.timeIntervalSince1970)|\(summary.flushes)"
        let digest = SHA256.hash(data: Data(identity.utf8)).map { String(format: "%02x", $0) }.joined()
        let record = IngestedFile(
          sha256: digest, path: name, size: 0, kind: .live, capturePoint: capturePoint, packets: batch.packets,
          ingestedAt: CalendarTime.text(Date().timeIntervalSince1970), toolVersion: toolVersion)
        try store.commit(batch, file: record)
        batch = ObservationBatch()
      }
      lastFlush = Date()
      progress(summary)
    }
    while !shouldStop() {
      let got = try live.next { frame in
        chunk.append(frame)
        summary.frames += 1
        batch.packets += 1
      }
      if !got || chunk.bytes.count > 1 << 20 || Date().timeIntervalSince(lastHandOver) > 0.5 { handOver() }
      if Date().timeIntervalSince(lastFlush) >= flushInterval { try flush() }
    }
    handOver()
    // The stop: every live flow is finished and counted in the last batch.
    _ = session.finish()
    try flush()
    return summary
  }
}

/// Frames collected as a classic pcap file in memory (microsecond timestamps, native little-endian).
struct PcapChunk {
  private(set) var bytes: [UInt8] = []
  private(set) var frames = 0
  private let header: [UInt8]

  init(linkType: UInt32, snaplen: UInt32) {
    var header: [UInt8] = []
    func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) } }
    func put16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) } }
    put(0xa1b2_c3d4)
    put16(2)
    put16(4)
    put(0)
    put(0)
    put(snaplen)
    put(linkType)
    self.header = header
    bytes = header
  }

  mutating func append(_ frame: LiveInterface.Frame) {
    func put(_ value: Int) {
      withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes.append(contentsOf: $0) }
    }
    put(frame.seconds)
    put(frame.microseconds)
    put(frame.capturedLength)
    put(frame.wireLength)
    bytes.append(contentsOf: frame.bytes)
    frames += 1
  }

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: header)
    frames = 0
  }
}
