import BulkheadCapture

/// One flow's dissector and its glue to the flow table: made when a signature claims the flow, holding the dissector
/// inline, so a dissected flow costs one object and a chunk one call into it.
final class DissectingFlowHandler<Wrapped: Dissector>: DissectingHandler {
  // Strong: the consumer keeps no handlers, so there is no cycle, and an unowned reference would pay an atomic
  // strong-retain on every access.
  private let consumer: DissectorConsumer
  /// Whether directions are swapped for the dissector (the initiator used the protocol's service port).
  private let reversed: Bool
  // Only the flow's stream calls in, one call at a time: the dynamic exclusivity check a mutated class property
  // would pay per chunk is switched off.
  @exclusivity(unchecked) private var dissector: Wrapped
  /// The flow's id once it ended with an observation, which the consumer then holds (the flow record's annotations
  /// read it there, only when somebody keeps the record).
  private var observedFlowID: Int?

  init(transport: TransportProtocol, reversed: Bool, consumer: DissectorConsumer) {
    dissector = Wrapped(transport: transport)
    self.reversed = reversed
    self.consumer = consumer
  }

  // The handler class is only known at run time (``Dissector/handlerType``), so without these its methods would be
  // the generic ones, every call into the dissector going through its witness table. Each `@_specialize` adds a
  // version for one registered dissector, which the generic entry point jumps to after a type check. Only speed
  // depends on the list: a dissector missing from it still works, but slower, so ``RegistryTests`` checks that each
  // method names every registered dissector.
  @_specialize(where Wrapped == BACnetDissector)
  @_specialize(where Wrapped == ModbusDissector)
  @_specialize(where Wrapped == MQTTDissector)
  @_specialize(where Wrapped == DNP3Dissector)
  @_specialize(where Wrapped == ISOTransportDissector)
  @_specialize(where Wrapped == ENIPDissector)
  @_specialize(where Wrapped == IEC104Dissector)
  @_specialize(where Wrapped == OPCUADissector)
  @_specialize(where Wrapped == SMBDissector)
  @_specialize(where Wrapped == SSHDissector)
  @_specialize(where Wrapped == TLSDissector)
  func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand {
    let direction = reversed ? chunk.direction.reversed : chunk.direction
    dissector.consume(chunk.bytes, direction: direction, packet: chunk.packetNumber)
    return .more
  }

  @_specialize(where Wrapped == BACnetDissector)
  @_specialize(where Wrapped == ModbusDissector)
  @_specialize(where Wrapped == MQTTDissector)
  @_specialize(where Wrapped == DNP3Dissector)
  @_specialize(where Wrapped == ISOTransportDissector)
  @_specialize(where Wrapped == ENIPDissector)
  @_specialize(where Wrapped == IEC104Dissector)
  @_specialize(where Wrapped == OPCUADissector)
  @_specialize(where Wrapped == SMBDissector)
  @_specialize(where Wrapped == SSHDissector)
  @_specialize(where Wrapped == TLSDissector)
  func gap(_ gap: FlowGap) {
    let direction = reversed ? gap.direction.reversed : gap.direction
    dissector.gap(direction: direction, packet: gap.packetNumber, length: Int(clamping: gap.missingBytes))
  }

  @_specialize(where Wrapped == BACnetDissector)
  @_specialize(where Wrapped == ModbusDissector)
  @_specialize(where Wrapped == MQTTDissector)
  @_specialize(where Wrapped == DNP3Dissector)
  @_specialize(where Wrapped == ISOTransportDissector)
  @_specialize(where Wrapped == ENIPDissector)
  @_specialize(where Wrapped == IEC104Dissector)
  @_specialize(where Wrapped == OPCUADissector)
  @_specialize(where Wrapped == SMBDissector)
  @_specialize(where Wrapped == SSHDissector)
  @_specialize(where Wrapped == TLSDissector)
  func flowDidEnd(_ flow: FlowRecord) {
    // A signature match alone is no evidence of the protocol (HART-IP and MELSEC messages can fit an MBAP header):
    // only a flow whose PDUs parse consistently is named (``ProtocolObservation/isEvidence(for:)``).
    var observation = dissector.finalObservation()
    guard observation.isEvidence(for: Wrapped.signaturePriority) else { return }
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

extension Dissector {
  /// The handler class dissecting a flow with this dissector. Looked up once per dissector (``DissectorCandidate``):
  /// naming `DissectingFlowHandler<Self>` where `Self` is only known at run time costs a generic-metadata look-up
  /// per flow.
  static var handlerType: any DissectingHandler.Type { DissectingFlowHandler<Self>.self }
}

/// A flow handler made for one dissector type, created through its metatype.
protocol DissectingHandler: FlowPayloadHandler, SendableMetatype {
  init(transport: TransportProtocol, reversed: Bool, consumer: DissectorConsumer)
}
