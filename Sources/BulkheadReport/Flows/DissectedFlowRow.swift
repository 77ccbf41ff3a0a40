import BulkheadCapture
import BulkheadDissect

/// One dissected flow for `bulkhead dissect` output: the flow's endpoints and its protocol observation.
public struct DissectedFlowRow: Encodable, Sendable {
  public var flowID: Int
  public var initiator: String
  public var responder: String
  public var transport: String
  public var firstPacket: Int
  public var observation: ProtocolObservation

  /// The observed flows; `observations` holds one entry per flow, in the same order.
  public static func rows(_ flows: [FlowRecord], _ observations: [ProtocolObservation?]) -> [DissectedFlowRow] {
    zip(flows, observations).compactMap { flow, observation in
      guard let observation else { return nil }
      return DissectedFlowRow(
        flowID: flow.flowID, initiator: "\(flow.initiator):\(flow.initiatorPort)",
        responder: "\(flow.responder):\(flow.responderPort)", transport: flow.transport.description,
        firstPacket: flow.firstPacketNumber, observation: observation)
    }.sorted { $0.flowID < $1.flowID }
  }

  public var text: String {
    let security = observation.security
    var line =
      "\(initiator) -> \(responder) \(transport) \(observation.protocolID) "
      + "[\(observation.operationClasses.map(\.rawValue).joined(separator: ","))] "
      + "auth=\(security.authenticated.rawValue) enc=\(security.encrypted.rawValue)"
    if let mode = security.mode { line += " mode=\(mode)" }
    if let identity = security.userIdentity { line += " user=\(identity)" }
    line += " pdus=\(observation.pduCount)"
    if observation.violationCount > 0 { line += " violations=\(observation.violationCount)" }
    for tally in observation.operations {
      line += "\n    \(tally.name) (\(tally.operationClass.rawValue)): \(tally.requests) req, \(tally.responses) resp"
      if tally.exceptions > 0 { line += ", \(tally.exceptions) exc" }
    }
    for identity in observation.identities {
      let fields = [identity.vendor, identity.product, identity.model, identity.serial, identity.firmware]
      line += "\n    identity (\(identity.source)): " + fields.compactMap { $0 }.joined(separator: " / ")
    }
    for violation in observation.violations.prefix(5) { line += "\n    violation: \(violation)" }
    return line
  }

  /// `bulkhead dissect`'s table: every row, then how many of the capture's flows were dissected.
  public static func table(_ rows: [DissectedFlowRow], flowCount: Int) -> String {
    (rows.map(\.text) + ["\(rows.count) dissected flows of \(flowCount)"]).joined(separator: "\n")
  }
}
