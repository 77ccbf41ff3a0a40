import ArgumentParser
import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import BulkheadReport
import Foundation

/// `bulkhead flows`: who talks to whom in one or more captures.
struct FlowsCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "flows",
    abstract: "List the flows in pcap/pcapng captures: initiator, responder, service, packets and bytes each way.",
    discussion: """
      Files are read in the order given as one continuous capture, split by flow over the machine's cores (the flows \
      are the ones a single pass finds; only the peak live flow count becomes an upper bound). The format is \
      recognised from the magic bytes. \
      The summary counts every packet read and why any were not decoded; problems are printed as diagnostics. \
      Exit status: 0 listed, 2 a capture could not be read (missing, not a regular file, not a capture, cut before \
      its first packet), bad arguments, or the output cannot be written.
      """
  )

  /// Output formats (`table` is the old name of `text`).
  enum Format: String, CommandFormat {
    case text, json, jsonl, csv

    static var aliases: [String: Format] { ["table": .text] }
  }

  @Argument(help: "Capture files (pcap or pcapng).")
  var captures: [String]

  @Option(
    help: ArgumentHelp(
      "Output format.",
      discussion:
        "jsonl (one flow object per line, the objects json lists under flows) and csv are written as flows finish "
        + "and then listed in flow order: memory does not grow with the flows."))
  var format: Format = .text

  @OptionGroup var destination: OutputOptions

  @OptionGroup var console: ConsoleOptions

  @Flag(help: "Also list the assets seen (IP/MAC, vendor, roles) in text output.")
  var assets = false

  @Option(
    help: ArgumentHelp(
      "Read this many files at once, each as its own capture (flows then never span files).",
      discussion: "The default, 1, reads the files in order as one continuous capture."))
  var jobs: Int = 1

  @Flag(help: "Skip the industrial protocol dissectors (flow table only; --jobs above 1 implies it).")
  var noDissect = false

  @Flag(help: "Do not key flows by VLAN (for SPAN ports that tag only one direction of a conversation).")
  var ignoreVLAN = false

  @Option(help: "Finish flows idle for this many seconds of capture time (0: never).")
  var idleTimeout: Int = 600

  func validate() throws {
    guard idleTimeout >= 0 else { throw ValidationError("--idle-timeout must be 0 or more") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    var options = CaptureOptions()
    options.idleTimeoutNanoseconds = Int64(idleTimeout) * 1_000_000_000
    options.vlanInFlowKey = !ignoreVLAN
    let report: CaptureReport
    var observations: [ProtocolObservation?] = []
    if jobs == 1, format != .json {
      report = try stream(options)
      Console.report(report.diagnostics)
      if let notice = VendorTableNote.firstTime(in: report) { Console.inform("note: \(notice)") }
      try CaptureInput.requireReadable(report)
      return
    }
    if jobs > 1 {
      report = CaptureReport.readingInParallel(files: captures, options: options, jobs: jobs)
    } else {
      (report, observations) = read(options)
    }
    try render(report, observations: observations)
    try CaptureInput.requireReadable(report)
  }

  /// Reads the files as one capture, split by flow over the machine's cores (the report is the one a single session
  /// would give, except that `peakLiveFlows` is the sum of the shards' peaks), with each flow's observation unless
  /// the dissectors are off.
  private func read(_ options: CaptureOptions) -> (CaptureReport, [ProtocolObservation?]) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let progress = isatty(STDERR_FILENO) == 1 && !Console.isQuiet ? Self.progress(captures) : nil
    defer { if progress != nil { Console.writeError("\r\u{1b}[K") } }
    if noDissect {
      let none: @Sendable () -> DissectorConsumer? = { nil }
      let run = ShardedCapture.run(files: captures, options: options, shards: cores, progress: progress, consumer: none)
      return (run.report, [])
    }
    let capture = DissectedCapture.read(files: captures, options: options, shards: cores, progress: progress)
    return (capture.report, capture.observations)
  }

  /// Reads the files as one capture split over the cores, each flow written as a line when it finishes (no flow
  /// kept), then the lines in flow order to standard output; the text table is followed by the assets (with
  /// `--assets`) and the summary, as `render` lays them out.
  private func stream(_ options: CaptureOptions) throws -> CaptureReport {
    var options = options
    options.collectFlows = false
    let lineFormat: FlowLineWriter.Format =
      switch format {
      case .jsonl: .jsonl
      case .csv: .csv
      case .text, .json: .table
      }
    let writer = try FlowLineWriter(format: lineFormat)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let progress = isatty(STDERR_FILENO) == 1 && !Console.isQuiet ? Self.progress(captures) : nil
    let attach: @Sendable (Int, CaptureSession, DissectorConsumer?) -> Void = { _, session, consumer in
      session.onFlowEnd = { flow in
        // The observation's summary is already in the flow's annotations; dropping it keeps memory flat.
        _ = consumer?.takeObservation(forFlow: flow.flowID)
        writer.record(flow)
      }
    }
    let dissect = !noDissect
    let run = ShardedCapture.run(
      files: captures, options: options, shards: cores, progress: progress, attach: attach,
      consumer: { dissect ? DissectorConsumer(keepsObservations: false) : nil })
    if progress != nil { Console.writeError("\r\u{1b}[K") }
    let report = run.report
    try destination.stream { write in
      try writer.write(to: write)
      guard lineFormat == .table else { return }
      var tail: [String] = []
      if assets { tail.append(FlowListRenderer.assetTable(report.assets)) }
      tail.append(FlowListRenderer.summary(report))
      try write(Array((tail.joined(separator: "\n") + "\n").utf8))
    }
    return report
  }

  /// A progress line on stderr, rewritten in place: the file being read and the megabytes done.
  private static func progress(_ files: [String]) -> @Sendable (Int, Int, Int) -> Void {
    { file, done, total in
      let counts = total > 0 ? ": \(done >> 20) / \(total >> 20) MB" : ""
      let line = "\r\u{1b}[Kreading \(files[file])\(counts)"
      Console.writeError(line)
    }
  }

  private func render(_ report: CaptureReport, observations: [ProtocolObservation?]) throws {
    switch format {
    case .json:
      try destination.write(DeterministicJSON.text(FlowListing(report: report, observations: observations)))
    case .csv:
      try destination.write(FlowListRenderer.csv(report.flows))
    case .jsonl:
      try destination.stream { write in
        var buffer: [UInt8] = []
        for flow in report.flows {
          buffer += FlowLineWriter.jsonLine(flow)
          if buffer.count >= 1 << 20 {
            try write(buffer)
            buffer.removeAll(keepingCapacity: true)
          }
        }
        try write(buffer)
      }
    case .text:
      var parts = [FlowListRenderer.table(report.flows)]
      if assets { parts.append(FlowListRenderer.assetTable(report.assets)) }
      parts.append(FlowListRenderer.summary(report))
      try destination.write(parts.joined(separator: "\n"))
    }
    Console.report(report.diagnostics)
    if let notice = VendorTableNote.firstTime(in: report) { Console.inform("note: \(notice)") }
  }
}
