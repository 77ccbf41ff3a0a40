import ArgumentParser
import BulkheadBench

/// `bulkhead bench capture`: capture ingest throughput (MB/s, packets/s, flows, peak RSS), one core and several.
struct BenchCaptureCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "capture",
    abstract: "Time the capture reader and flow table on pcap/pcapng files (files should be in the page cache).",
    discussion: """
      Runs each file through a fresh CaptureSession (flow table only: no flow list, no assets) --repeat times and \
      reports the best run, then all files in parallel with --jobs sessions (one file per job; a single file is \
      repeated per job) to show multi-core scaling. --payload also attaches a consumer that receives every flow's \
      reassembled payload (the cost dissectors start from). --dissect attaches all dissectors and prints each file's \
      figure without and with them (the scaling runs then dissect too). Each file is also read split by flow over \
      --jobs cores (ShardedCapture, as `dissect` and `assess` read a single capture). --tshark times `tshark -q -z conv,tcp -z conv,udp` on \
      the same files in the same run.
      """
  )

  @Argument(help: "Capture files.")
  var captures: [String]

  @Option(help: "Parallel sessions for the scaling run.")
  var jobs: Int = 2

  @Option(name: .customLong("repeat"), help: "Runs per measurement; the best is reported.")
  var repetitions: Int = 3

  @Flag(help: "Also attach a payload consumer (TCP reassembly for every flow).")
  var payload = false

  @Flag(help: "Also attach all dissectors, and report each file without and with them.")
  var dissect = false

  @Flag(help: "Also time tshark's conversation table on each file.")
  var tshark = false

  @OptionGroup var console: ConsoleOptions

  func validate() throws {
    guard jobs >= 1, repetitions >= 1 else { throw ValidationError("--jobs and --repeat must be at least 1") }
    guard !(payload && dissect) else { throw ValidationError("--payload and --dissect are alternatives") }
  }

  func run() throws {
    let mode: CaptureBenchmark.Mode = dissect ? .dissect : payload ? .payload : .plain
    let benchmark = CaptureBenchmark(
      captures: captures, jobs: jobs, repetitions: repetitions, mode: mode, tshark: tshark)
    try benchmark.run { try Console.print($0) }
  }
}
