import BulkheadCapture
import Foundation

/// `bulkhead flows --format jsonl` and `--format csv`: every flow written as it finishes, one line each, then
/// listed in the order a single pass numbers them (capture file, first packet), so the output does not depend on
/// how many threads read the capture. Memory stays flat with the flows (``SortedLineSpool``).
///
/// A JSON line is the object `flows --format json` lists under `flows` (same keys, sorted, same values); a CSV
/// line is a row of `flows --format csv`; a table line is a row of the `flows` text table, its columns as wide as
/// the widest cell of all flows (kept while the flows are read, so the rows wait in the spool, not in memory).
public final class FlowLineWriter: @unchecked Sendable {
  /// The line formats.
  public enum Format: Sendable {
    /// One JSON object per line (JSON Lines).
    case jsonl
    /// Comma-separated values with a header row.
    case csv
    /// The text table of `bulkhead flows` (``FlowListRenderer/table(_:)``), without the summary.
    case table
  }

  private let format: Format
  private let spool: SortedLineSpool
  /// For the table: each column's width so far, in characters, header included.
  private var widths = FlowListRenderer.tableHeader.map(\.count)
  private let widthsLock = NSLock()

  /// Creates a writer with its temporary file in the system's temporary directory.
  public init(format: Format) throws {
    self.format = format
    spool = try SortedLineSpool()
  }

  /// Records one finished flow; safe to call from several threads.
  public func record(_ flow: FlowRecord) {
    let (line, idOffset): ([UInt8], Int)
    switch format {
    case .jsonl: (line, idOffset) = Self.json(flow)
    case .csv: (line, idOffset) = Self.csv(flow)
    case .table: (line, idOffset) = (tableCells(flow), 0)
    }
    spool.add(line, file: flow.firstFileIndex, packet: flow.firstPacketNumber, idOffset: idOffset)
  }

  /// The table row of `flow`, encoded by ``encode(_:)``; widens the columns it needs.
  private func tableCells(_ flow: FlowRecord) -> [UInt8] {
    let (bytes, counts) = Self.encode(FlowListRenderer.tableRow(flow))
    widthsLock.withLock {
      for (column, count) in counts.enumerated() where count > widths[column] { widths[column] = count }
    }
    return bytes
  }

  /// Table cells as the spool keeps them: each a 4-byte length, a 4-byte character count and its UTF-8 (cells may
  /// hold any text, so no separator would do); with the character counts.
  private static func encode(_ cells: [String]) -> ([UInt8], [Int]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(160)
    var counts: [Int] = []
    counts.reserveCapacity(cells.count)
    for cell in cells {
      let count = cell.count
      counts.append(count)
      withUnsafeBytes(of: UInt32(cell.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
      withUnsafeBytes(of: UInt32(count).littleEndian) { bytes.append(contentsOf: $0) }
      bytes.append(contentsOf: cell.utf8)
    }
    return (bytes, counts)
  }

  /// Appends one table line from encoded cells: padded to the column widths, two spaces apart, trailing spaces
  /// dropped (as ``FlowListRenderer/align(_:)`` lays them out).
  private static func appendLine(_ encoded: UnsafeBufferPointer<UInt8>, widths: [Int], to line: inout [UInt8]) {
    var at = 0
    var column = 0
    while at + 8 <= encoded.count {
      let length = Int(word(encoded, at))
      let count = Int(word(encoded, at + 4))
      if column > 0 { line.append(contentsOf: [0x20, 0x20]) }
      line.append(contentsOf: UnsafeBufferPointer(rebasing: encoded[(at + 8)..<(at + 8 + length)]))
      line.append(contentsOf: repeatElement(0x20, count: widths[column] - count))
      at += 8 + length
      column += 1
    }
    while line.last == 0x20 { line.removeLast() }
    line.append(0x0A)
  }

  /// How many flows were recorded.
  public var count: Int { spool.count }

  /// Writes every recorded flow, in flow-id order, through `write` (a chunk of bytes at a time).
  public func write(to write: ([UInt8]) throws -> Void) throws {
    switch format {
    case .jsonl: try spool.copy(id: { Array(String($0).utf8) }, to: write)
    case .csv:
      try spool.copy(header: Array((FlowListRenderer.csvHeader + "\n").utf8), id: { Array(String($0).utf8) }, to: write)
    case .table: try writeTable(to: write)
    }
  }

  private func writeTable(to write: ([UInt8]) throws -> Void) throws {
    let widths = widthsLock.withLock { self.widths }
    var buffer: [UInt8] = []
    buffer.reserveCapacity((1 << 20) + 4096)
    Self.encode(FlowListRenderer.tableHeader).0.withUnsafeBufferPointer {
      Self.appendLine($0, widths: widths, to: &buffer)
    }
    try spool.forEachLine { _, line, _ in
      Self.appendLine(line, widths: widths, to: &buffer)
      if buffer.count >= 1 << 20 {
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    try write(buffer)
  }

  private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
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
