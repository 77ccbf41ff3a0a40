import BulkheadCapture
import Foundation

/// `bulkhead flows --format jsonl` and `--format csv`: every flow written as it finishes, one line each, then
/// listed in the order a single pass numbers them (capture file, first packet), so the output does not depend on
/// how many threads read the capture. Memory stays flat with the flows (``SortedLineSpool``).
///
/// A JSON line is the object `flows --format json` lists under `flows` (same keys, sorted, same values); a CSV
/// line is a row of `flows --format csv`.
public final class FlowLineWriter: @unchecked Sendable {
  /// The line formats.
  public enum Format: Sendable {
    /// One JSON object per line (JSON Lines).
    case jsonl
    /// Comma-separated values with a header row.
    case csv
  }

  private let format: Format
  private let spool: SortedLineSpool

  /// Creates a writer with its temporary file in the system's temporary directory.
  public init(format: Format) throws {
    self.format = format
    spool = try SortedLineSpool()
  }

  /// Records one finished flow; safe to call from several threads.
  public func record(_ flow: FlowRecord) {
    let (line, idOffset) = format == .jsonl ? Self.json(flow) : Self.csv(flow)
    spool.add(line, file: flow.firstFileIndex, packet: flow.firstPacketNumber, idOffset: idOffset)
  }

  /// How many flows were recorded.
  public var count: Int { spool.count }

  /// Writes every recorded flow, in flow-id order, through `write` (a chunk of bytes at a time).
  public func write(to write: ([UInt8]) throws -> Void) throws {
    let header = format == .csv ? Array((FlowListRenderer.csvHeader + "\n").utf8) : []
    try spool.copy(header: header, id: { Array(String($0).utf8) }, to: write)
  }

  /// The JSON line of `flow` with its own id (for flows already numbered).
  public static func jsonLine(_ flow: FlowRecord) -> [UInt8] {
    var (line, at) = json(flow)
    line.insert(contentsOf: Array(String(flow.flowID).utf8), at: at)
    return line
  }

  /// The JSON object of `flow` without its id, and where the id's digits go.
  static func json(_ flow: FlowRecord) -> ([UInt8], Int) {
    var line = JSONLine()
    line.beginObject()
    line.key("annotations")
    line.beginObject()
    for (key, value) in flow.annotations.sorted(by: { $0.key < $1.key }) {
      line.key(key)
      line.value(value)
    }
    line.endObject()
    line.key("bytesFromInitiator")
    line.value(flow.bytesFromInitiator)
    line.key("bytesFromResponder")
    line.value(flow.bytesFromResponder)
    line.field("endReason", flow.endReason.rawValue)
    line.field("firstFileIndex", flow.firstFileIndex)
    line.field("firstPacketNumber", flow.firstPacketNumber)
    timestamp(&line, "firstSeen", flow.firstSeen)
    line.key("flowID")
    let idOffset = line.slot()
    line.field("initiator", flow.initiator.description)
    line.field("initiatorBasis", flow.initiatorBasis.rawValue)
    line.field("initiatorMAC", flow.initiatorMAC?.description)
    line.field("initiatorPort", Int(flow.initiatorPort))
    timestamp(&line, "lastSeen", flow.lastSeen)
    line.key("packetsFromInitiator")
    line.value(flow.packetsFromInitiator)
    line.key("packetsFromResponder")
    line.value(flow.packetsFromResponder)
    line.key("payloadBytesFromInitiator")
    line.value(flow.payloadBytesFromInitiator)
    line.key("payloadBytesFromResponder")
    line.value(flow.payloadBytesFromResponder)
    line.field("responder", flow.responder.description)
    line.field("responderMAC", flow.responderMAC?.description)
    line.field("responderPort", Int(flow.responderPort))
    if let tcp = flow.tcp {
      line.key("tcp")
      line.beginObject()
      line.field("finFromInitiator", tcp.finFromInitiator)
      line.field("finFromResponder", tcp.finFromResponder)
      line.field("handshakeCompleted", tcp.handshakeCompleted)
      line.key("missingBytes")
      line.value(tcp.missingBytes)
      line.field("reset", tcp.reset)
      line.key("retransmittedSegments")
      line.value(tcp.retransmittedSegments)
      line.field("synAckSeen", tcp.synAckSeen)
      line.field("synSeen", tcp.synSeen)
      line.endObject()
    }
    line.field("transport", flow.transport.description)
    line.key("vlan")
    line.value(UInt64(flow.vlan))
    line.endObject()
    line.newline()
    return (line.bytes, idOffset)
  }

  private static func timestamp(_ line: inout JSONLine, _ name: String, _ time: CaptureTimestamp) {
    line.key(name)
    line.beginObject()
    line.field("nanoseconds", Int(time.nanoseconds))
    line.endObject()
  }

  /// The CSV row of `flow` without its id (the first column), and where the id goes.
  static func csv(_ flow: FlowRecord) -> ([UInt8], Int) {
    (Array((FlowListRenderer.csvRow(flow, id: "") + "\n").utf8), 0)
  }
}
