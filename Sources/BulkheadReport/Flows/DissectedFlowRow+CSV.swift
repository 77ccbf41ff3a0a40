extension DissectedFlowRow {
  /// The CSV header of `bulkhead dissect --format csv`.
  static let csvHeader =
    "flow_id,initiator,responder,transport,first_packet,protocol,operation_classes,authenticated,encrypted,"
    + "security_mode,user,pdus,violations,operations"

  /// One row: the text line's fields, lists joined with `;`, each operation as `name(class):requests/responses`.
  var csvRow: String {
    let security = observation.security
    let operations = observation.operations.map {
      "\($0.name)(\($0.operationClass.rawValue)):\($0.requests)/\($0.responses)"
    }
    return [
      "\(flowID)", initiator, responder, transport, "\(firstPacket)", "\(observation.protocolID)",
      observation.operationClasses.map(\.rawValue).joined(separator: ";"), security.authenticated.rawValue,
      security.encrypted.rawValue, security.mode ?? "", security.userIdentity ?? "", "\(observation.pduCount)",
      "\(observation.violationCount)", operations.joined(separator: ";"),
    ].map(Self.csvField).joined(separator: ",")
  }

  /// `bulkhead dissect --format csv`: a header, then one row per dissected flow.
  public static func csv(_ rows: [DissectedFlowRow]) -> String {
    ([csvHeader] + rows.map(\.csvRow)).joined(separator: "\n")
  }

  /// A field quoted when it holds a comma, a quote or a line break (RFC 4180 §2).
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacing("\"", with: "\"\"") + "\""
  }
}
