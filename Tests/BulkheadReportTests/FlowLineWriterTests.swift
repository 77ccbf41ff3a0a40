import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadReport

/// `flows --format jsonl` and the streamed CSV: written while the capture is read, with nothing kept, they must be
/// exactly what the whole-report outputs list (same flows, same order, same ids, same values).
@Suite struct FlowLineWriterTests {
  static let capture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/plant/riverside-span-2mb.pcap").path

  /// The capture streamed through a writer over `shards` sessions, as `flows` streams it.
  static func streamed(_ format: FlowLineWriter.Format, shards: Int) throws -> String {
    let writer = try FlowLineWriter(format: format)
    var options = CaptureOptions()
    options.collectFlows = false
    _ = ShardedCapture.run(
      files: [capture], options: options, shards: shards,
      attach: { _, session, consumer in
        session.onFlowEnd = { flow in
          _ = consumer?.takeObservation(forFlow: flow.flowID)
          writer.record(flow)
        }
      },
      consumer: { DissectorConsumer(keepsObservations: false) })
    var bytes: [UInt8] = []
    try writer.write { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: [1, 3])
  func jsonLinesAreTheFlowsOfTheJSONListing(shards: Int) throws {
    let whole = DissectedCapture.read(files: [Self.capture], shards: 1)
    #expect(whole.report.flows.count > 300)
    let listing = try DeterministicJSON.data(FlowListing(report: whole.report, observations: whole.observations))
    let document = try #require(try JSONSerialization.jsonObject(with: listing) as? [String: Any])
    let expected = try #require(document["flows"] as? [Any])
    let lines = try Self.streamed(.jsonl, shards: shards).split(separator: "\n")
    #expect(lines.count == expected.count)
    for (line, flow) in zip(lines, expected) {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      #expect(NSDictionary(dictionary: object as? [String: Any] ?? [:]).isEqual(flow), "\(line)")
    }
    // Each line is also the whole-report line of the same flow, byte for byte.
    for (line, flow) in zip(lines, whole.report.flows) {
      #expect(Array(line.utf8) + [0x0A] == FlowLineWriter.jsonLine(flow))
    }
  }

  @Test func streamedCSVIsTheCSVOfTheWholeReport() throws {
    let whole = DissectedCapture.read(files: [Self.capture], shards: 1)
    let expected = FlowListRenderer.csv(whole.report.flows) + "\n"
    #expect(try Self.streamed(.csv, shards: 2) == expected)
  }

  /// The text table streamed (columns as wide as the widest cell of all flows) is the table of the whole report.
  @Test(arguments: [1, 2])
  func streamedTableIsTheTableOfTheWholeReport(shards: Int) throws {
    let whole = DissectedCapture.read(files: [Self.capture], shards: 1)
    #expect(try Self.streamed(.table, shards: shards) == FlowListRenderer.table(whole.report.flows) + "\n")
  }
}
