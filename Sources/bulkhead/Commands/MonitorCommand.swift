import ArgumentParser
import BulkheadModel
import BulkheadStore
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `bulkhead monitor`: live passive capture into the observation store.
struct MonitorCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "monitor",
    abstract: "Capture an interface passively into the plant's observation store until stopped (SIGINT/SIGTERM).",
    discussion: """
      Frames go through the same flow table and dissectors as a capture file; finished flows are committed every \
      --flush seconds and at the stop, after every live flow is finished. Passive only: the interface is opened for \
      reading and nothing is ever sent. Needs the right to capture (root or CAP_NET_RAW). libpcap's drop counters \
      are printed at each flush and at the end. Exit status: 0 stopped cleanly, 2 the model, the store or the \
      interface could not be used.
      """)

  @Argument(help: "The plant: a directory holding bulkhead.yaml, or the model file.")
  var plant: String

  @Option(help: "The interface to capture on.")
  var interface: String

  @Option(help: "BPF capture filter (tcpdump syntax).")
  var filter: String?

  @Option(help: "Bytes kept per frame.")
  var snaplen: Int = 65_535

  @Flag(inversion: .prefixedNo, help: "Put the interface in promiscuous mode.")
  var promiscuous = true

  @Option(help: "Commit finished flows every this many seconds.")
  var flush: Double = 60

  @Option(help: "Finish flows idle for this many seconds.")
  var idleTimeout: Double = 120

  @Option(help: "Stop by itself after this many seconds (default: run until SIGINT/SIGTERM).")
  var duration: Double?

  @Option(help: "The observation store (default: .bulkhead/observations.sqlite beside the model).")
  var store: String?

  @Option(help: "Name of this capture point (default: live:INTERFACE).")
  var capturePoint: String?

  @OptionGroup var paths: PlantPathOptions

  @OptionGroup var console: ConsoleOptions

  func validate() throws {
    guard snaplen >= 64 && snaplen <= 262_144 else { throw ValidationError("--snaplen must be 64…262144") }
    guard flush > 0 else { throw ValidationError("--flush must be positive") }
    guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive") }
  }

  func run() throws {
    let loaded = try ModelInput.load(plant, allowOutside: paths.allowOutside)
    let opened: ObservationStore
    do {
      opened = try ObservationStore(path: store ?? ObservationStore.defaultPath(forModel: loaded.plant.modelFile))
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    let monitor = LiveMonitor(
      store: opened, interface: interface, capturePoint: capturePoint ?? "live:\(interface)", flushInterval: flush,
      toolVersion: BuildInfo.version, snaplen: Int32(snaplen), promiscuous: promiscuous,
      filter: filter)
    monitor.idleTimeout = idleTimeout
    let stop = StopRequest()
    var sources: [DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { stop.request() }
      source.resume()
      sources.append(source)
    }
    let deadline = duration.map { Date().addingTimeInterval($0) }
    do {
      let summary = try monitor.run(
        shouldStop: { stop.requested || deadline.map { Date() >= $0 } ?? false },
        progress: { summary in
          Console.error(
            "monitor: \(summary.frames) frames, \(summary.flows) flows committed, libpcap received \(summary.received)"
              + " dropped \(summary.dropped) interface-dropped \(summary.interfaceDropped)")
        })
      try Console.print(
        "monitor \(interface): \(summary.frames) frames, \(summary.flows) flows in \(summary.flushes) flushes; "
          + "libpcap received \(summary.received), dropped \(summary.dropped), interface dropped "
          + "\(summary.interfaceDropped)")
    } catch let error as LiveCaptureError {
      Console.error(error.description)
      throw ExitCode(2)
    } catch let error as StoreError {
      Console.error(error.description)
      throw ExitCode(2)
    }
    for source in sources { source.cancel() }
  }
}

/// A stop asked for from a signal handler's queue, read by the capture loop.
final class StopRequest: @unchecked Sendable {
  private let lock = NSLock()
  private var flag = false

  func request() { lock.withLock { flag = true } }

  var requested: Bool { lock.withLock { flag } }
}
