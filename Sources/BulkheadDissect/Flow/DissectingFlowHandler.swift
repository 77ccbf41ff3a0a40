import BulkheadCapture

/// Per-flow glue between the flow table and one dissector, chosen on the flow's first payload.
final class DissectingFlowHandler: FlowPayloadHandler {
  private let flow: FlowStart
  private unowned let consumer: DissectorConsumer
  private var dissector: (any Dissector)?
  /// Whether directions are swapped for the dissector (the initiator used the protocol's service port).
  private var reversed = false
  private var decided = false
  /// Payload chunks tried against the signatures so far.
  private var attempts = 0
  /// How many leading chunks may fail every signature before the flow is given up (a capture that starts mid-stream,
  /// or a first PDU that is itself malformed).
  static let signatureAttempts = 4
  /// Gaps before the first payload are irrelevant: the dissector starts at the first byte it sees.
  private var sawPayload = false

  init(flow: FlowStart, consumer: DissectorConsumer) {
    self.flow = flow
    self.consumer = consumer
  }

  func receive(_ chunk: FlowPayloadChunk) {
    if !decided {
      guard !chunk.bytes.isEmpty else { return }
      attempts += 1
      if let type = consumer.select(chunk.bytes, transport: flow.transport, responderPort: flow.responderPort) {
        dissector = type.init(transport: flow.transport)
        decided = true
        // Port as a hint only for roles: a flow "initiated" from the service port has its client on the other side.
        reversed = type.wellKnownPorts.contains(flow.initiatorPort) && !type.wellKnownPorts.contains(flow.responderPort)
      } else {
        decided = attempts >= Self.signatureAttempts
        return
      }
    }
    sawPayload = true
    dissector?.consume(
      chunk.bytes, direction: reversed ? chunk.direction.reversed : chunk.direction, packet: chunk.packetNumber)
  }

  func gap(_ gap: FlowGap) {
    guard sawPayload else { return }
    dissector?.gap(
      direction: reversed ? gap.direction.reversed : gap.direction, packet: gap.packetNumber,
      length: Int(clamping: gap.missingBytes))
  }

  /// The dissector's observation, when it saw at least one PDU or violation: a signature match alone is no evidence
  /// of the protocol (RDP and S7comm both open with a TPKT/COTP connection request, ISO 8073 §13.3).
  private var evidencedObservation: ProtocolObservation? {
    guard let observation = dissector?.observation(), observation.pduCount > 0 || observation.violationCount > 0
    else { return nil }
    return observation
  }

  func flowDidEnd(_ flow: FlowRecord) {
    if var observation = evidencedObservation {
      observation.rolesReversed = reversed
      consumer.record(observation, flowID: flow.flowID)
    }
  }

  var annotations: [String: String] {
    guard let observation = evidencedObservation else { return [:] }
    var result = [
      "protocol": observation.protocolID.rawValue,
      "operations": observation.operationClasses.map(\.rawValue).joined(separator: ","),
      "authenticated": observation.security.authenticated.rawValue,
      "encrypted": observation.security.encrypted.rawValue,
    ]
    if let mode = observation.security.mode { result["security-mode"] = mode }
    if observation.violationCount > 0 { result["violations"] = String(observation.violationCount) }
    return result
  }
}
