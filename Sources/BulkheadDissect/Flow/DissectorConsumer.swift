import BulkheadCapture

/// Attaches the dissector registry to a ``CaptureSession``'s flow table and collects one observation per flow.
///
/// The session screens every flow: its first payloads (either direction) are matched against the dissectors'
/// content signatures (``DissectorRegistry/select(firstPayload:transport:responderPort:)``), on any port, and the
/// first match claims the flow with a handler for that dissector. Flows no signature matches stay unobserved: after
/// a few failed signature checks their payload is no longer delivered.
public final class DissectorConsumer: FlowPayloadConsumer {
  /// The dissectors tried, in order.
  public let dissectors: [any Dissector.Type]
  private let candidates: DissectorCandidates
  /// Observations of finished flows, in the order the flows ended.
  @exclusivity(unchecked) private var observed = ObservationStore()
  /// Position in `observed` by flow id (-1: none). A session hands out flow ids densely from 0, so an array indexed
  /// by id replaces a dictionary: no hashing per flow, and growing it moves no observations.
  @exclusivity(unchecked) private var positions: [Int32] = []
  /// Positions of flow ids too far beyond the dense range (callers numbering flows themselves).
  private var sparsePositions: [Int: Int32] = [:]
  /// Whether every finished flow's observation is kept (off: only the latest, for ``takeObservation(forFlow:)``).
  public let keepsObservations: Bool
  /// The latest finished flow's observation when observations are not kept.
  private var latest: (flowID: Int, observation: ProtocolObservation)?

  /// How many flows were observed.
  public var observedFlowCount: Int { observed.count }

  /// The observation of a finished flow, if its protocol was recognised.
  public func observation(forFlow flowID: Int) -> ProtocolObservation? {
    if !keepsObservations { return latest.flatMap { $0.flowID == flowID ? $0.observation : nil } }
    let position = flowID >= 0 && flowID < positions.count ? positions[flowID] : sparsePositions[flowID] ?? -1
    return position >= 0 ? observed[Int(position)] : nil
  }

  /// Every observation by flow id (built on each call; prefer ``observation(forFlow:)``).
  public var observations: [Int: ProtocolObservation] {
    var all = [Int: ProtocolObservation](minimumCapacity: observed.count)
    for (flowID, position) in positions.enumerated() where position >= 0 { all[flowID] = observed[Int(position)] }
    for (flowID, position) in sparsePositions { all[flowID] = observed[Int(position)] }
    return all
  }

  /// Creates a consumer trying `dissectors` (all registered ones by default). With `keepsObservations` off, only
  /// the flow that finished last keeps its observation, for a session's `onFlowEnd` to take
  /// (``takeObservation(forFlow:)``): memory then does not grow with the flows.
  public init(dissectors: [any Dissector.Type] = DissectorRegistry.all, keepsObservations: Bool = true) {
    self.dissectors = dissectors
    self.keepsObservations = keepsObservations
    candidates = DissectorCandidates(dissectors)
  }

  /// The observation of the flow that just finished, handed over once (nil if its protocol was not recognised).
  /// Call it from the session's `onFlowEnd`, which runs right after the flow's handler finished.
  public func takeObservation(forFlow flowID: Int) -> ProtocolObservation? {
    guard !keepsObservations else { return observation(forFlow: flowID) }
    guard let latest, latest.flowID == flowID else { return nil }
    self.latest = nil
    return latest.observation
  }

  /// How many leading payloads may fail every signature before a flow is given up (a capture that starts
  /// mid-stream, or a first PDU that is itself malformed).
  static let signatureAttempts = 4

  /// Flows are screened: a flow gets a handler only once its payload matches a signature, and that handler holds
  /// the matching dissector. Flows no dissector wants (DNS, NTP, TLS, …) never cost one.
  public var screensFlows: Bool { true }

  public func screen(_ flow: FlowScreen, payload: UnsafeRawBufferPointer) -> FlowVerdict {
    guard flow.transport == .tcp || flow.transport == .udp else { return .never }
    guard let selected = select(payload, transport: flow.transport, responderPort: flow.responderPort) else {
      return flow.attempt + 1 >= Self.signatureAttempts ? .never : .later
    }
    // Port as a hint only for roles: a flow "initiated" from the service port has its client on the other side.
    let reversed = selected.servesPort(flow.initiatorPort) && !selected.servesPort(flow.responderPort)
    return .claim(selected.handlerType.init(transport: flow.transport, reversed: reversed, consumer: self))
  }

  /// A handler that screens the flow itself, for sessions that do not screen (see ``screensFlows``).
  public func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? {
    guard flow.transport == .tcp || flow.transport == .udp else { return nil }
    return SelectingFlowHandler(flow: flow, consumer: self)
  }

  /// Keeps a finished flow's observation.
  func record(_ observation: consuming ProtocolObservation, flowID: Int) {
    guard keepsObservations else {
      latest = (flowID, observation)
      return
    }
    let position = Int32(observed.append(observation))
    if flowID >= 0 && flowID < positions.count + 65_536 {
      if flowID >= positions.count {
        positions.append(contentsOf: repeatElement(-1, count: flowID + 1 - positions.count))
      }
      positions[flowID] = position
    } else {
      sparsePositions[flowID] = position
    }
  }

  /// Picks the dissector for a first payload, restricted to this consumer's list; port only breaks ties.
  func select(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol, responderPort: UInt16)
    -> DissectorCandidate?
  {
    candidates.select(bytes, transport: transport, responderPort: responderPort)
  }
}
