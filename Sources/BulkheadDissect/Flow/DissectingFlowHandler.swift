import BulkheadCapture

/// Per-flow glue between the flow table and one dissector, chosen on the flow's first payload.
final class DissectingFlowHandler: FlowPayloadHandler {
  private let transport: TransportProtocol
  private let initiatorPort: UInt16
  private let responderPort: UInt16
  // Strong: the consumer keeps no handlers, so there is no cycle, and an unowned reference would pay an atomic
  // strong-retain on every access.
  private let consumer: DissectorConsumer
  /// The chosen dissector, retained by hand (released in `deinit`): see ``FlowDissection``.
  private var dissector: Unmanaged<FlowDissection>?
  /// Whether directions are swapped for the dissector (the initiator used the protocol's service port).
  private var reversed = false
  /// Payload chunks tried against the signatures so far.
  private var attempts = 0
  /// How many leading chunks may fail every signature before the flow is given up (a capture that starts mid-stream,
  /// or a first PDU that is itself malformed).
  static let signatureAttempts = 4
  /// Gaps before the first payload are irrelevant: the dissector starts at the first byte it sees.
  private var sawPayload = false
  /// The flow's id once it ended with an observation, which the consumer then holds (the flow record's annotations
  /// read it there, only when somebody keeps the record).
  private var observedFlowID: Int?

  init(flow: FlowStart, consumer: DissectorConsumer) {
    transport = flow.transport
    initiatorPort = flow.initiatorPort
    responderPort = flow.responderPort
    self.consumer = consumer
  }

  deinit { dissector?.release() }

  func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand {
    if dissector == nil {
      guard !chunk.bytes.isEmpty else { return .more }
      attempts += 1
      guard let selected = consumer.select(chunk.bytes, transport: transport, responderPort: responderPort)
      else {
        // Unclaimed flows (TLS, SMB, DNS, …) stop costing anything once every attempt failed.
        return attempts >= Self.signatureAttempts ? .enough : .more
      }
      dissector = Unmanaged.passRetained(selected.type.dissection(transport: transport))
      // Port as a hint only for roles: a flow "initiated" from the service port has its client on the other side.
      reversed = selected.servesPort(initiatorPort) && !selected.servesPort(responderPort)
    }
    sawPayload = true
    let direction = reversed ? chunk.direction.reversed : chunk.direction
    dissector?._withUnsafeGuaranteedRef { $0.consume(chunk.bytes, direction: direction, packet: chunk.packetNumber) }
    return .more
  }

  func gap(_ gap: FlowGap) {
    guard sawPayload else { return }
    let direction = reversed ? gap.direction.reversed : gap.direction
    dissector?._withUnsafeGuaranteedRef {
      $0.gap(direction: direction, packet: gap.packetNumber, length: Int(clamping: gap.missingBytes))
    }
  }

  func flowDidEnd(_ flow: FlowRecord) {
    // A signature match alone is no evidence of the protocol (RDP and S7comm both open with a TPKT/COTP connection
    // request, ISO 8073 §13.3): only a flow with at least one PDU or violation is observed.
    guard var observation = dissector?._withUnsafeGuaranteedRef({ $0.observation() }),
      observation.pduCount > 0 || observation.violationCount > 0
    else { return }
    observation.rolesReversed = reversed
    observedFlowID = flow.flowID
    consumer.record(consume observation, flowID: flow.flowID)
  }

  var annotations: [String: String] {
    guard let observedFlowID, let observation = consumer.observation(forFlow: observedFlowID) else { return [:] }
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
