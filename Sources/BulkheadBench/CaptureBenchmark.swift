import BulkheadCapture
import BulkheadDissect
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// `bulkhead bench capture`: capture ingest throughput (MB/s, packets/s, flows, peak RSS), one core and several.
///
/// Each file runs through a fresh CaptureSession (flow table only: no flow list, no assets) `repetitions` times and
/// the best run is reported, then all files in parallel with `jobs` sessions to show multi-core scaling; figures are
/// printed, never asserted.
public struct CaptureBenchmark: Sendable {
  /// Capture files.
  public var captures: [String]
  /// Parallel sessions for the scaling run.
  public var jobs: Int
  /// Runs per measurement; the best is reported.
  public var repetitions: Int
  /// What is attached to the flow table.
  public var mode: Mode
  /// Also time tshark's conversation table on each file.
  public var tshark: Bool

  /// Creates a benchmark.
  public init(captures: [String], jobs: Int, repetitions: Int, mode: Mode, tshark: Bool) {
    self.captures = captures
    self.jobs = jobs
    self.repetitions = repetitions
    self.mode = mode
    self.tshark = tshark
  }

  /// What is attached to the flow table.
  public enum Mode: Sendable {
    /// Flow table only.
    case plain
    /// A consumer that counts every flow's reassembled payload.
    case payload
    /// All dissectors (observations collected, as `bulkhead dissect` does).
    case dissect
  }

  /// Counts payload bytes, so reassembly work cannot be optimised away.
  final class CountingConsumer: FlowPayloadConsumer, FlowPayloadHandler {
    var bytes = 0
    var gaps = 0
    func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? { self }
    func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand {
      bytes &+= chunk.bytes.count
      return .more
    }
    func gap(_ gap: FlowGap) { gaps += 1 }
    func flowDidEnd(_ flow: FlowRecord) {}
  }

  public struct Run: Sendable {
    var seconds: Double
    var bytes: UInt64
    var packets: UInt64
    var flows: UInt64
    var payloadBytes: Int
    /// Flows the dissectors observed (dissect mode).
    var dissectedFlows = 0
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  static func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  static func once(_ path: String, mode: Mode) -> Run {
    var options = CaptureOptions()
    options.collectFlows = false
    options.collectAssets = false
    let counting = mode == .payload ? CountingConsumer() : nil
    let dissectors = mode == .dissect ? DissectorConsumer() : nil
    let session = CaptureSession(options: options, consumer: counting ?? dissectors)
    let start = now()
    session.read(file: path)
    let report = session.finish()
    let dissected = dissectors?.observedFlowCount ?? 0
    let seconds = now() - start
    return Run(
      seconds: seconds, bytes: report.statistics.fileBytes, packets: report.statistics.packetsRead,
      flows: report.statistics.flows, payloadBytes: counting?.bytes ?? 0, dissectedFlows: dissected)
  }

  /// One file read by `shards` parallel sessions, each owning a share of the flows, merged.
  static func sharded(_ path: String, mode: Mode, shards: Int) -> Run {
    switch mode {
    case .dissect: timedShards(path, shards, { DissectorConsumer() }, observed: \.observedFlowCount)
    case .payload: timedShards(path, shards, { CountingConsumer() }, observed: { _ in 0 })
    case .plain: timedShards(path, shards, { nil as CountingConsumer? }, observed: { _ in 0 })
    }
  }

  /// Times a sharded read; like ``once(_:mode:)``, tearing the consumers down happens after the clock stops.
  private static func timedShards<Consumer: FlowPayloadConsumer & SendableMetatype>(
    _ path: String, _ shards: Int, _ consumer: @escaping @Sendable () -> Consumer?, observed: (Consumer) -> Int
  ) -> Run {
    var options = CaptureOptions()
    options.collectFlows = false
    options.collectAssets = false
    let start = now()
    let run = ShardedCapture.run(files: [path], options: options, shards: shards, consumer: consumer)
    let dissected = run.shards.reduce(0) { $0 + ($1.consumer.map(observed) ?? 0) }
    let seconds = now() - start
    let statistics = run.report.statistics
    return Run(
      seconds: seconds, bytes: statistics.fileBytes, packets: statistics.packetsRead, flows: statistics.flows,
      payloadBytes: 0, dissectedFlows: dissected)
  }

  /// The best of `repetitions` runs.
  static func best(_ path: String, mode: Mode, repetitions: Int) -> Run? {
    var best: Run?
    for _ in 0..<repetitions {
      let run = once(path, mode: mode)
      if best == nil || run.seconds < best?.seconds ?? .infinity { best = run }
    }
    return best
  }

  static func warm(_ path: String) {
    // Touch every page once so the timed runs measure parsing, not the disk.
    guard let file = fopen(path, "rb") else { return }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while buffer.withUnsafeMutableBytes({ fread($0.baseAddress, 1, $0.count, file) }) > 0 {}
  }

  static func line(_ label: String, _ run: Run) -> String {
    let mb = Double(run.bytes) / 1e6
    return String(
      format: "%@  %8.1f MB  %7.3f s  %8.1f MB/s  %6.2f Mpkt/s  %8llu pkts  %7llu flows", label, mb, run.seconds,
      mb / run.seconds, Double(run.packets) / run.seconds / 1e6, run.packets, run.flows)
  }

  /// Runs every measurement, handing each printed line to `say`.
  public func run(_ say: (String) throws -> Void) throws {
    for capture in captures { Self.warm(capture) }
    let attached = [
      Mode.plain: "", .payload: ", payload consumer attached", .dissect: ", without and with all dissectors",
    ]
    try say("one core, best of \(repetitions)\(attached[mode] ?? ""):")
    var single: [Run] = []
    for capture in captures {
      let name = (capture as NSString).lastPathComponent
      if mode == .dissect, let plain = Self.best(capture, mode: .plain, repetitions: repetitions) {
        try say(Self.line("  " + name + " capture only", plain))
      }
      guard let best = Self.best(capture, mode: mode, repetitions: repetitions) else { continue }
      single.append(best)
      try say(Self.line("  " + name + (mode == .dissect ? " + dissectors" : ""), best))
      if mode == .payload { try say("    payload delivered: \(best.payloadBytes) bytes") }
      if mode == .dissect { try say("    flows dissected: \(best.dissectedFlows)") }
    }
    if jobs > 1 {
      try say("one file split by flow over \(jobs) cores, best of \(repetitions):")
      for capture in captures {
        let name = (capture as NSString).lastPathComponent
        var best: Run?
        for _ in 0..<repetitions {
          let run = Self.sharded(capture, mode: mode, shards: jobs)
          if best == nil || run.seconds < best?.seconds ?? .infinity { best = run }
        }
        if let best {
          try say(Self.line("  " + name + (mode == .dissect ? " + dissectors" : ""), best))
          if mode == .dissect { try say("    flows dissected: \(best.dissectedFlows)") }
        }
      }
    }
    let work = captures.count >= jobs ? captures : (0..<jobs).map { captures[$0 % captures.count] }
    let results = Mutex<[Run]>([])
    let start = Self.now()
    // One session per file; `jobs` workers pull files from a shared index.
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: jobs) { _ in
      while true {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if index >= work.count { return }
        let run = Self.once(work[index], mode: mode)
        results.withLock { $0.append(run) }
      }
    }
    let wall = Self.now() - start
    let runs = results.withLock { $0 }
    let total = Run(
      seconds: wall, bytes: runs.reduce(0) { $0 + $1.bytes }, packets: runs.reduce(0) { $0 + $1.packets },
      flows: runs.reduce(0) { $0 + $1.flows }, payloadBytes: 0)
    let serial = work.reduce(0.0) { sum, path in
      sum + (single[captures.firstIndex(of: path) ?? 0].seconds)
    }
    try say("\(jobs) jobs over \(work.count) file(s):")
    try say(Self.line("  all", total))
    try say(String(format: "  scaling vs one core: %.2fx", serial / wall))
    try say(String(format: "peak RSS: %.1f MB", Self.peakRSSMegabytes()))
    if tshark {
      for (index, capture) in captures.enumerated() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tshark")
        process.arguments = ["-r", capture, "-q", "-z", "conv,tcp", "-z", "conv,udp"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let t0 = Self.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Self.now() - t0
        let mb = Double(single[index].bytes) / 1e6
        try say(
          String(
            format: "tshark conv,tcp+udp  %@: %.2f s, %.1f MB/s (Bulkhead %.0fx faster)",
            (capture as NSString).lastPathComponent, seconds, mb / seconds, seconds / single[index].seconds))
      }
    }
  }
}
