import BulkheadCapture

/// Turns a capture report into the text of `bulkhead flows` (table and CSV); computes nothing.
public enum FlowListRenderer {
  static func endpoint(_ address: CustomStringConvertible, _ port: UInt16, _ transport: TransportProtocol) -> String {
    let text = address.description
    guard transport.hasPorts else { return text }
    return text.contains(":") ? "[\(text)]:\(port)" : "\(text):\(port)"
  }

  static func service(_ flow: FlowRecord) -> String {
    flow.transport.hasPorts ? "\(flow.transport)/\(flow.responderPort)" : flow.transport.description
  }

  static func protocolColumn(_ flow: FlowRecord) -> String {
    var parts: [String] = []
    if let name = flow.annotations["protocol"] { parts.append(name) }
    if let operations = flow.annotations["operations"] { parts.append(operations) }
    return parts.joined(separator: " ")
  }

  public static func table(_ flows: [FlowRecord]) -> String {
    align([tableHeader] + flows.map(tableRow))
  }

  /// The flow table's column titles.
  static let tableHeader = [
    "initiator", "responder", "service", "pkts >", "bytes >", "pkts <", "bytes <", "first seen", "last seen", "note",
    "protocol",
  ]

  /// One flow's cells in the flow table.
  static func tableRow(_ flow: FlowRecord) -> [String] {
    var note = flow.initiatorBasis == .portHeuristic ? "initiator guessed" : ""
    if flow.vlan != 0 {
      note += (note.isEmpty ? "" : ", ") + "vlan " + flow.vlanIDs.map(String.init).joined(separator: ".")
    }
    return [
      endpoint(flow.initiator, flow.initiatorPort, flow.transport),
      endpoint(flow.responder, flow.responderPort, flow.transport), service(flow), "\(flow.packetsFromInitiator)",
      "\(flow.bytesFromInitiator)", "\(flow.packetsFromResponder)", "\(flow.bytesFromResponder)",
      flow.firstSeen.description, flow.lastSeen.description, note, protocolColumn(flow),
    ]
  }

  static func align(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    var widths = [Int](repeating: 0, count: first.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.map { row in
      row.enumerated().map { i, cell in
        cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n")
  }

  public static func csvField(_ text: String) -> String {
    text.contains(",") || text.contains("\"") ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
  }

  /// The header row of the CSV flow list.
  public static let csvHeader =
    "flow_id,initiator,initiator_port,responder,responder_port,transport,vlan,initiator_basis,packets_from_initiator,"
    + "bytes_from_initiator,packets_from_responder,bytes_from_responder,first_seen,last_seen,protocol"

  public static func csv(_ flows: [FlowRecord]) -> String {
    ([csvHeader] + flows.map { csvRow($0, id: "\($0.flowID)") }).joined(separator: "\n")
  }

  /// One flow's CSV row, with `id` in the first column.
  static func csvRow(_ f: FlowRecord, id: String) -> String {
    [
      id, f.initiator.description, "\(f.initiatorPort)", f.responder.description, "\(f.responderPort)",
      f.transport.description, "\(f.vlan)", f.initiatorBasis.rawValue, "\(f.packetsFromInitiator)",
      "\(f.bytesFromInitiator)", "\(f.packetsFromResponder)", "\(f.bytesFromResponder)", f.firstSeen.description,
      f.lastSeen.description, csvField(protocolColumn(f)),
    ].joined(separator: ",")
  }

  public static func assetTable(_ assets: [ObservedAsset]) -> String {
    var rows: [[String]] = [["asset", "mac", "vendor", "first seen", "last seen", "roles"]]
    for asset in assets {
      rows.append([
        asset.ipAddress?.description ?? "-", asset.macAddresses.map(\.description).joined(separator: " "),
        asset.vendors.filter { !$0.isEmpty }.joined(separator: "; "), asset.firstSeen.description,
        asset.lastSeen.description, asset.roles.map(\.description).joined(separator: ", "),
      ])
    }
    return "\n" + align(rows)
  }

  public static func summary(_ report: CaptureReport) -> String {
    let s = report.statistics
    var lines = [
      "",
      "\(report.files.count) file(s), \(s.packetsRead) packets read, \(s.frameBytes) frame bytes, "
        + "\(s.packetsInFlows) in \(s.flows) flows, \(report.assets.count) assets",
    ]
    if s.packetsNotDecoded > 0 {
      let reasons = s.notDecoded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      lines.append("not decoded: \(s.packetsNotDecoded) (\(reasons))")
    }
    if s.fragments > 0 {
      lines.append("IP fragments: \(s.fragments), datagrams reassembled: \(s.reassembledDatagrams)")
    }
    if s.snaplenCutPackets > 0 { lines.append("packets cut by snaplen: \(s.snaplenCutPackets)") }
    if !report.diagnostics.isEmpty { lines.append("diagnostics: \(report.diagnostics.count) (on stderr)") }
    return lines.joined(separator: "\n")
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
