import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import Foundation

/// Reads one capture file through the flow table with every dissector attached and turns its flows into records.
///
/// Each capture point is read on its own: the same connection seen at two points is merged later by the
/// reconciler, not counted twice by the flow table.
enum CaptureObserver {
  struct Result {
    var records: [ObservationRecord]
    var assets: [ObservedAsset]
    var diagnostics: [Diagnostic]
    var packets: UInt64
  }

  static func read(path: String, shards: Int = 1) -> Result {
    let capture = DissectedCapture.read(files: [path], shards: shards)
    let report = capture.report
    var records: [ObservationRecord] = []
    for (flow, observed) in zip(report.flows, capture.observations) {
      // A signature match without one whole PDU is no evidence of the protocol (RDP and S7 both open with
      // TPKT/COTP, for instance).
      let observation = observed.flatMap { $0.pduCount > 0 ? $0 : nil }
      var initiator = flow.initiator
      var responder = flow.responder
      var initiatorPort = flow.initiatorPort
      var responderPort = flow.responderPort
      var initiatorMAC = flow.initiatorMAC
      var responderMAC = flow.responderMAC
      // The dissector saw requests going the other way (a capture that started mid-connection).
      if observation?.rolesReversed == true {
        swap(&initiator, &responder)
        swap(&initiatorPort, &responderPort)
        swap(&initiatorMAC, &responderMAC)
      }
      let answered: Bool
      if let tcp = flow.tcp {
        answered = tcp.synAckSeen || tcp.handshakeCompleted || flow.packetsFromResponder > 0
      } else {
        answered = flow.packetsFromResponder > 0
      }
      var operations: [String: Int] = [:]
      var names: [String: Int] = [:]
      for tally in observation?.operations ?? [] where tally.requests + tally.responses > 0 {
        // Count requests (what the client asked for); a response-only tally (unsolicited) counts once per PDU.
        let count = tally.requests > 0 ? tally.requests : tally.responses
        operations[tally.operationClass.rawValue, default: 0] += count
        names[tally.name, default: 0] += count
      }
      records.append(
        ObservationRecord(
          initiator: initiator, initiatorPort: initiatorPort, responder: responder, responderPort: responderPort,
          transport: flow.transport, initiatorCertain: flow.initiatorBasis != .portHeuristic, answered: answered,
          packets: Int(flow.packets), bytes: Int(flow.bytesFromInitiator + flow.bytesFromResponder),
          firstSeen: flow.firstSeen.seconds, lastSeen: flow.lastSeen.seconds,
          seenAt: SourceLocation(file: path, line: flow.firstPacketNumber),
          application: observation?.protocolID.rawValue, operations: operations, operationNames: names,
          authenticated: observation.flatMap { assessment($0.security.authenticated) },
          encrypted: observation.flatMap { assessment($0.security.encrypted) },
          securityMode: observation?.security.mode, initiatorMAC: initiatorMAC, responderMAC: responderMAC))
    }
    return Result(
      records: records, assets: report.assets, diagnostics: report.diagnostics,
      packets: report.statistics.packetsRead)
  }

  private static func assessment(_ value: BulkheadDissect.ObservedAnswer) -> Bool? {
    switch value {
    case .yes: true
    case .no: false
    case .unknown: nil
    }
  }
}
