import ArgumentParser
import BulkheadCapture
import BulkheadDissect
import Foundation

/// `bulkhead dissect`: what the industrial protocols on each flow do (operations, classes, security, identities).
struct DissectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dissect",
    abstract: "Dissect Modbus, DNP3, S7comm(+), EtherNet/IP-CIP and OPC UA flows in captures, recognised by content.",
    discussion: """
      Every TCP/UDP flow is matched against the dissectors' content signatures on any port. Table output lists one
      flow per line with its protocol, operation classes and security, then its operations; JSON carries the full
      observation. --benchmark reads the captures with and without dissectors and prints both throughputs.
      """
  )

  /// Output formats.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Argument(help: "Capture files (pcap or pcapng).")
  var captures: [String]

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  @Flag(help: "Measure capture throughput without and with all dissectors (best of 3) instead of listing flows.")
  var benchmark = false

  func run() throws {
    if benchmark {
      try runBenchmark()
      return
    }
    let consumer = DissectorConsumer()
    let report = CaptureSession.run(files: captures, consumer: consumer)
    let rows = DissectedFlowRow.rows(report.flows, consumer.observations)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      FileHandle.standardOutput.write(try encoder.encode(rows))
      FileHandle.standardOutput.write(Data("\n".utf8))
    case .table:
      for row in rows { print(row.text) }
      print("\(rows.count) dissected flows of \(report.flows.count)")
    }
    for diagnostic in report.diagnostics {
      FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
    }
  }

  private func runBenchmark() throws {
    let bytes = captures.reduce(0) { total, path in
      total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
    func best(_ body: () -> Void) -> Double {
      var fastest = Double.infinity
      for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
      return fastest
    }
    var options = CaptureOptions()
    options.collectAssets = false
    let plain = best { _ = CaptureSession.run(files: captures, options: options) }
    var dissected = 0
    let withDissectors = best {
      let consumer = DissectorConsumer()
      _ = CaptureSession.run(files: captures, options: options, consumer: consumer)
      dissected = consumer.observations.count
    }
    let megabytes = Double(bytes) / 1e6
    print(String(format: "capture only:        %.3f s  %.0f MB/s", plain, megabytes / plain))
    print(
      String(
        format: "capture + dissectors: %.3f s  %.0f MB/s  (%d flows dissected)", withDissectors,
        megabytes / withDissectors, dissected))
  }
}
