import BulkheadAnalysis
import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import BulkheadReport
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `bulkhead bench assess`: where an assessment's time goes on a plant directory, stage by stage, with the peak
/// resident memory after each; figures are printed, never asserted.
///
/// Reading and reconciling run interleaved (each flow is reconciled as it finishes), so the split between them is
/// measured by a second pass: the same captures read with every dissector attached and nothing reconciled, on the
/// same number of threads the assessment uses. Reconcile is the difference.
public struct AssessBenchmark: Sendable {
  /// The plant: a directory holding bulkhead.yaml, or the model file.
  public var plant: String
  /// The day to judge dates on.
  public var today: CalendarDate
  /// Also run the read-only pass that splits read+dissect from reconcile.
  public var split: Bool

  /// Creates a benchmark.
  public init(plant: String, today: CalendarDate, split: Bool) {
    self.plant = plant
    self.today = today
    self.split = split
  }

  /// Runs it, handing each printed line to `print`.
  public func run(_ print: (String) throws -> Void) throws {
    let start = CaptureBenchmark.now()
    let loaded = try ModelLoader().load(path: plant, today: today)
    let load = CaptureBenchmark.now() - start
    let files = Assessor.captureFiles(of: loaded.plant)
    let bytes = files.reduce(0) { total, file in
      total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
    }
    let megabytes = Double(bytes) / 1e6
    try print("plant \(loaded.plant.name): \(files.count) capture file(s), \(String(format: "%.1f", megabytes)) MB")
    try print(row("stage", "seconds", "MB/s", "peak RSS MB"))
    try print(row("load model", load, megabytes: nil))

    var readOnly: Double?
    if split {
      let began = CaptureBenchmark.now()
      Self.readOnly(files)
      readOnly = CaptureBenchmark.now() - began
    }
    let stages = AssessmentStages()
    let began = CaptureBenchmark.now()
    let result = Assessor(today: today, toolVersion: "bench").assess(loaded, stages: stages)
    let assess = CaptureBenchmark.now() - began
    try print(row("firewalls", stages[.firewalls], megabytes: nil))
    if let readOnly {
      try print(row("read+dissect", readOnly, megabytes: megabytes) + "  (separate pass)")
      try print(row("reconcile", max(0, stages[.captures] - readOnly), megabytes: nil) + "  (captures − read+dissect)")
    }
    try print(row("captures", stages[.captures], megabytes: megabytes) + "  (read+dissect+reconcile)")
    try print(row("zone pairs", stages[.zonePairs], megabytes: nil))
    try print(row("rules", stages[.rules], megabytes: nil))
    try print(row("digests wait", stages[.digests], megabytes: nil))
    try print(row("assess", assess, megabytes: megabytes))

    var rendered: [(String, Double, Int)] = []
    for format in ["text", "json", "sarif"] {
      let began = CaptureBenchmark.now()
      let text: String
      switch format {
      case "text": text = TextRenderer(color: false).render(result)
      case "json": text = try JSONRenderer().render(result)
      default:
        text = try SARIFRenderer(toolVersion: "bench").render(
          findings: result.findings, rules: result.rules, diagnostics: result.diagnostics)
      }
      rendered.append((format, CaptureBenchmark.now() - began, text.utf8.count))
    }
    for (format, seconds, size) in rendered {
      try print(row("render \(format)", seconds, megabytes: nil) + "  (\(Self.size(size)))")
    }
    let text = rendered.first?.1 ?? 0
    try print(row("assess + text", assess + text, megabytes: megabytes))
    var byRule: [String: Int] = [:]
    for finding in result.findings { byRule[finding.ruleID, default: 0] += 1 }
    try print(
      "\(result.packetsRead) packets, \(result.flowCount) flows, \(result.seenHosts.count) hosts, "
        + "\(result.traffic.count) traffic classes, \(result.findings.count) findings: "
        + byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
  }

  /// The captures read as the assessment reads them (each file split over the cores it gets), every dissector
  /// attached, no flow kept and none reconciled.
  static func readOnly(_ files: [String]) {
    let captures = files.filter { !$0.hasSuffix(".json") }
    guard !captures.isEmpty else { return }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let shards = max(1, cores / captures.count)
    DispatchQueue.concurrentPerform(iterations: captures.count) { index in
      var options = CaptureOptions()
      options.collectFlows = false
      let run = ShardedCapture.run(
        files: [captures[index]], options: options, shards: shards,
        attach: { _, session, consumer in
          session.onFlowEnd = { flow in _ = consumer?.takeObservation(forFlow: flow.flowID) }
        },
        consumer: { DissectorConsumer(keepsObservations: false) })
      _ = run.report.statistics.packetsRead
    }
  }

  private func row(_ stage: String, _ seconds: Double, megabytes: Double?) -> String {
    let rate = megabytes.map { seconds > 0 ? String(format: "%.0f", $0 / seconds) : "-" } ?? ""
    return row(
      stage, String(format: "%.3f", seconds), rate, String(format: "%.0f", CaptureBenchmark.peakRSSMegabytes()))
  }

  private func row(_ stage: String, _ seconds: String, _ rate: String, _ rss: String) -> String {
    stage.padding(toLength: 14, withPad: " ", startingAt: 0) + " "
      + String(repeating: " ", count: max(0, 9 - seconds.count))
      + seconds + " " + String(repeating: " ", count: max(0, 7 - rate.count)) + rate + " "
      + String(repeating: " ", count: max(0, 11 - rss.count)) + rss
  }

  private static func size(_ bytes: Int) -> String {
    bytes >= 1 << 20
      ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.1f kB", Double(bytes) / 1024)
  }
}
