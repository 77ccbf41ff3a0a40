import BulkheadCapture
import BulkheadDissect
import BulkheadModel
import Foundation

/// Reads one capture file through the flow table with every dissector attached and reconciles its flows as they
/// finish (``TrafficReconciler``), on `shards` threads; no flow is kept.
///
/// Each capture point is read on its own: the same connection seen at two points is joined by the
/// ``ConnectionMerger``, not counted twice by the flow table.
enum CaptureObserver {
  struct Result {
    var tallies: [TrafficTally]
    var assets: [ObservedAsset]
    var diagnostics: [Diagnostic]
    var packets: UInt64
  }

  static func read(
    path: String, file: Int, shards: Int, model: PathModel, merger: ConnectionMerger,
    onFlow: (@Sendable (ObservedFlowFacts, TrafficKey) -> Void)?
  ) -> Result {
    var options = CaptureOptions()
    options.collectFlows = false
    let reconcilers = Slots<TrafficReconciler>(count: max(1, shards))
    let run = ShardedCapture.run(
      files: [path], options: options, shards: max(1, shards),
      attach: { shard, session, consumer in
        let reconciler = TrafficReconciler(model: model)
        reconciler.onFlow = onFlow
        reconcilers.set(shard, reconciler)
        session.onFlowEnd = { flow in
          let record = Self.record(flow, observation: consumer?.takeObservation(forFlow: flow.flowID), path: path)
          reconciler.note(record)
          if let (observation, places) = merger.add(record, file: file) {
            reconciler.add(observation, seenAt: places)
          }
        }
      },
      consumer: { DissectorConsumer(keepsObservations: false) })
    return Result(
      tallies: reconcilers.values.map { $0.tally() }, assets: run.report.assets,
      diagnostics: run.report.diagnostics, packets: run.report.statistics.packetsRead)
  }

  /// What one capture point saw of a finished flow, with its protocol's observation if one was recognised.
  static func record(_ flow: FlowRecord, observation observed: ProtocolObservation?, path: String)
    -> ObservationRecord
  {
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
    return ObservationRecord(
      FlowObservation(
        initiator: initiator, initiatorPort: initiatorPort, responder: responder, responderPort: responderPort,
        transport: flow.transport, initiatorCertain: flow.initiatorBasis != .portHeuristic, answered: answered,
        packets: Int(flow.packets), bytes: Int(flow.bytesFromInitiator + flow.bytesFromResponder),
        firstSeen: flow.firstSeen.seconds, lastSeen: flow.lastSeen.seconds,
        application: observation?.protocolID.rawValue, operations: operations, operationNames: names,
        authenticated: observation.flatMap { assessment($0.security.authenticated) },
        encrypted: observation.flatMap { assessment($0.security.encrypted) }, securityMode: observation?.security.mode),
      seenAt: SourceLocation(file: path, line: flow.firstPacketNumber), initiatorMAC: initiatorMAC,
      responderMAC: responderMAC)
  }

  private static func assessment(_ value: BulkheadDissect.ObservedAnswer) -> Bool? {
    switch value {
    case .yes: true
    case .no: false
    case .unknown: nil
    }
  }
}
