import BulkheadModel

/// The flow table at work: finds or starts the flow of each decoded packet, keeps its counters and TCP state, hands
/// its payload to the consumer's stream (screening datagram flows first), and finishes flows that end, idle out or
/// outlive the capture into ``FlowRecord``s.
///
/// Owned by one ``CaptureSession`` and used from its thread only.
final class FlowTracker {
  private let options: CaptureOptions
  private let consumer: (any FlowPayloadConsumer)?
  /// Called with every finished flow (see ``CaptureSession/onFlowEnd``).
  // Read once or twice per flow; set between reads, never from inside one: no dynamic exclusivity check.
  @exclusivity(unchecked) var onFlowEnd: ((FlowRecord) -> Void)?
  /// The capture file being read (index into the session's file list), where new flows start.
  @exclusivity(unchecked) var fileIndex: Int32 = -1
  /// Flows finished so far.
  @exclusivity(unchecked) private(set) var finishedCount: UInt64 = 0
  /// The most flows live at once.
  @exclusivity(unchecked) private(set) var peakLiveCount: UInt64 = 0

  private let table = FlowTable()
  private let streams = FlowStreamSlots()
  // Touched once or twice per flow. The tracker is used from one thread and none of these is reachable from the
  // code it calls out to (consumers, `onFlowEnd`), so the dynamic exclusivity check each access to a class's
  // mutable property would pay is switched off.
  @exclusivity(unchecked) private var nextFlowID = 0
  @exclusivity(unchecked) private var flows: [FlowRecord] = []
  /// Where finished flows' MAC and IP facts go, when assets are collected.
  private let assets: AssetTable?
  /// The session's per-packet counters (shared with it).
  private let hot: UnsafeMutablePointer<HotCounters>
  private let keyVLAN: Bool
  /// Whether flows wait for the consumer's screening before they get a handler.
  private let screensFlows: Bool
  /// The flows this tracker owns, when its session is one of several reading the same capture.
  private let shard: CaptureShard?

  init(
    options: CaptureOptions, consumer: (any FlowPayloadConsumer)?, shard: CaptureShard?, assets: AssetTable?,
    hot: UnsafeMutablePointer<HotCounters>
  ) {
    self.options = options
    self.consumer = consumer
    self.shard = shard
    self.assets = assets
    self.hot = hot
    keyVLAN = options.vlanInFlowKey
    screensFlows = consumer?.screensFlows ?? false
  }

  /// Counts one decoded IP packet into its flow (starting the flow when it is new or a SYN reuses its ports) and
  /// passes its payload on; a packet of a flow another shard owns is left alone.
  @inline(__always) func track(_ d: inout DecodedPacket, _ packet: RawPacket, payloadWire: Int) {
    let sourceFirst =
      d.sourceHigh != d.destinationHigh
      ? d.sourceHigh < d.destinationHigh
      : (d.sourceLow != d.destinationLow ? d.sourceLow < d.destinationLow : d.sourcePort <= d.destinationPort)
    var key: FlowKey
    if sourceFirst {
      key = FlowKey(
        aHigh: d.sourceHigh, aLow: d.sourceLow, bHigh: d.destinationHigh, bLow: d.destinationLow, aPort: d.sourcePort,
        bPort: d.destinationPort, transport: d.transport, family: d.family, vlan: keyVLAN ? d.vlan : 0)
    } else {
      key = FlowKey(
        aHigh: d.destinationHigh, aLow: d.destinationLow, bHigh: d.sourceHigh, bLow: d.sourceLow,
        aPort: d.destinationPort, bPort: d.sourcePort, transport: d.transport, family: d.family,
        vlan: keyVLAN ? d.vlan : 0)
    }
    let hash = key.hash
    if let shard, !shard.owns(key.shardHash) { return }
    hot.pointee.packetsInFlows &+= 1
    let isTCP = d.transport == TransportProtocol.tcpNumber
    let synOnly = isTCP && TCPFlag.isSYNOnly(d.tcpFlags)
    var index = table.find(key, hash: hash)
    if index >= 0 && synOnly {
      // tshark's rule for a reused port: a SYN whose sequence number differs from the base sequence of that
      // direction starts a new conversation.
      let state = table.states + index
      let bit = sourceFirst ? FlowState.Bit.baseA : FlowState.Bit.baseB
      let base = sourceFirst ? state.pointee.baseSeqA : state.pointee.baseSeqB
      if state.pointee.bits & bit != 0 && base != d.sequence {
        finish(index, reason: .portReused)
        index = -1
      }
    }
    if index < 0 {
      index = start(key, hash: hash, &d, packet, sourceFirst: sourceFirst)
    }
    let state = table.states + index
    let wire = UInt64(packet.wireLength)
    if sourceFirst {
      state.pointee.packetsA &+= 1
      state.pointee.bytesA &+= wire
      state.pointee.payloadA &+= UInt64(payloadWire)
      if d.hasMAC && state.pointee.bits & FlowState.Bit.macA == 0 {
        table.cold[index].macA = d.sourceMAC
        state.pointee.bits |= FlowState.Bit.macA
      }
    } else {
      state.pointee.packetsB &+= 1
      state.pointee.bytesB &+= wire
      state.pointee.payloadB &+= UInt64(payloadWire)
      if d.hasMAC && state.pointee.bits & FlowState.Bit.macB == 0 {
        table.cold[index].macB = d.sourceMAC
        state.pointee.bits |= FlowState.Bit.macB
      }
    }
    if packet.timestamp > state.pointee.lastSeen { state.pointee.lastSeen = packet.timestamp }
    if packet.timestamp < state.pointee.firstSeen { state.pointee.firstSeen = packet.timestamp }
    if isTCP { updateTCP(state, &d, fromA: sourceFirst) }
    let streamIndex = state.pointee.stream
    if streamIndex == FlowState.screening {
      if !d.payload.isEmpty { screen(index, &d, packet, payloadWire: payloadWire, fromA: sourceFirst) }
    } else if streamIndex >= 0, let stream = streams.stream(streamIndex) {
      let direction: FlowDirection =
        sourceFirst == state.pointee.initiatorIsA ? .initiatorToResponder : .responderToInitiator
      stream._withUnsafeGuaranteedRef { stream in
        if isTCP {
          stream.segment(
            direction, sequence: d.sequence, flags: d.tcpFlags, acknowledgement: d.acknowledgement,
            payload: d.payload, wireLength: payloadWire, packet: packet.number, time: packet.timestamp)
        } else {
          stream.datagram(direction, d.payload, wireLength: payloadWire, packet: packet.number, time: packet.timestamp)
        }
      }
    }
  }

  @inline(__always) private func updateTCP(
    _ state: UnsafeMutablePointer<FlowState>, _ d: inout DecodedPacket, fromA: Bool
  ) {
    let flags = d.tcpFlags
    var bits = state.pointee.bits
    let baseBit = fromA ? FlowState.Bit.baseA : FlowState.Bit.baseB
    if bits & baseBit == 0 {
      bits |= baseBit
      let base = flags & TCPFlag.syn != 0 ? d.sequence : d.sequence &- 1
      if fromA { state.pointee.baseSeqA = base } else { state.pointee.baseSeqB = base }
    }
    if TCPFlag.isSYNOnly(flags) { bits |= FlowState.Bit.syn }
    if TCPFlag.isSYNACK(flags) { bits |= FlowState.Bit.synAck }
    if flags & TCPFlag.rst != 0 { bits |= FlowState.Bit.reset }
    if flags & TCPFlag.fin != 0 { bits |= fromA ? FlowState.Bit.finA : FlowState.Bit.finB }
    // The handshake completes with the initiator's first pure ACK after SYN and SYN-ACK (RFC 9293 §3.5).
    if TCPFlag.isACKWithoutSYN(flags)
      && bits & (FlowState.Bit.syn | FlowState.Bit.synAck) == FlowState.Bit.syn | FlowState.Bit.synAck
      && fromA == state.pointee.initiatorIsA
    {
      bits |= FlowState.Bit.handshake
    }
    state.pointee.bits = bits
  }

  /// Inserts a new flow, decides its initiator and asks the consumer whether it wants the payload.
  private func start(
    _ key: FlowKey, hash: UInt64, _ d: inout DecodedPacket, _ packet: RawPacket, sourceFirst: Bool
  ) -> Int {
    var state = FlowState(key: key, time: packet.timestamp)
    let flowID = nextFlowID
    nextFlowID += 1
    let initiator = InitiatorHeuristic.decide(
      transport: d.transport, flags: d.tcpFlags, sourcePort: d.sourcePort, destinationPort: d.destinationPort)
    state.basis = initiator.basis
    state.initiatorIsA = initiator.sourceIsInitiator == sourceFirst
    let index = table.insert(
      state, FlowColdState(id: flowID, firstFile: fileIndex, firstPacket: packet.number, vlan: d.vlan), hash: hash)
    if UInt64(table.liveCount) > peakLiveCount { peakLiveCount = UInt64(table.liveCount) }
    if let consumer {
      if screensFlows {
        // TCP payload is screened in order, so its stream exists from the start; a datagram flow gets one only
        // when claimed.
        if key.transport == TransportProtocol.tcpNumber {
          let initiatorIsA = state.initiatorIsA
          table.states[index].stream = streams.insert(
            FlowStream(
              screenedBy: consumer, flowID: flowID, transport: .tcp,
              ports: initiatorIsA ? (key.aPort, key.bPort) : (key.bPort, key.aPort), limit: options.reorderBufferLimit
            ))
        } else {
          table.states[index].stream = FlowState.screening
        }
      } else {
        let initiatorIsA = state.initiatorIsA
        let start = FlowStart(
          identity: key.identity(flowID: flowID, initiatorIsA: initiatorIsA, vlan: d.vlan, basis: state.basis),
          packetNumber: packet.number, timestamp: CaptureTimestamp(nanoseconds: packet.timestamp))
        if let handler = consumer.flowDidStart(start) {
          table.states[index].stream = streams.insert(
            FlowStream(handler: handler, flowID: flowID, limit: options.reorderBufferLimit))
        }
      }
    }
    return index
  }

  /// Shows a datagram of a flow still being screened to the consumer; a claim creates the flow's stream, at the
  /// offsets of the payload that went by unclaimed, and delivers the datagram to the new handler.
  private func screen(_ index: Int, _ d: inout DecodedPacket, _ packet: RawPacket, payloadWire: Int, fromA: Bool) {
    guard let consumer else { return }
    let state = table.states + index
    let cold = table.cold + index
    let key = state.pointee.key
    let initiatorIsA = state.pointee.initiatorIsA
    let direction: FlowDirection = fromA == initiatorIsA ? .initiatorToResponder : .responderToInitiator
    let verdict = consumer.screen(
      FlowScreen(
        flowID: cold.pointee.id, transport: TransportProtocol(number: key.transport),
        initiatorPort: initiatorIsA ? key.aPort : key.bPort, responderPort: initiatorIsA ? key.bPort : key.aPort,
        direction: direction, attempt: Int(cold.pointee.screened)),
      payload: d.payload)
    switch verdict {
    case .later:
      if cold.pointee.screened < .max { cold.pointee.screened += 1 }
    case .never:
      state.pointee.stream = FlowState.noStream
    case .claim(let handler):
      // The payload counters already include this datagram.
      var fromInitiator = initiatorIsA ? state.pointee.payloadA : state.pointee.payloadB
      var fromResponder = initiatorIsA ? state.pointee.payloadB : state.pointee.payloadA
      if direction == .initiatorToResponder {
        fromInitiator -= UInt64(payloadWire)
      } else {
        fromResponder -= UInt64(payloadWire)
      }
      let stream = FlowStream(
        claimedBy: handler, flowID: cold.pointee.id, limit: options.reorderBufferLimit,
        initiatorOffset: fromInitiator, responderOffset: fromResponder)
      state.pointee.stream = streams.insert(stream)
      stream.datagram(direction, d.payload, wireLength: payloadWire, packet: packet.number, time: packet.timestamp)
    }
  }

  /// Ends the flow at `index`: flushes its stream, tells its handler, and emits its record.
  private func finish(_ index: Int, reason: FlowEndReason) {
    let s = table.states[index]
    var record = FlowRecord(s, table.cold[index], endReason: reason)
    if s.stream >= 0, let stream = streams.stream(s.stream) {
      // Annotations are only worth building for a record somebody keeps.
      let annotate = options.collectFlows || onFlowEnd != nil
      let lastPacket = hot.pointee.lastPacketNumber
      stream._withUnsafeGuaranteedRef { stream in
        stream.flush(packet: lastPacket, time: s.lastSeen)
        if record.tcp != nil {
          record.tcp?.retransmittedSegments = stream.retransmissions
          record.tcp?.missingBytes = stream.missingBytes
        }
        if let handler = stream.handler {
          handler.flowDidEnd(record)
          if annotate { record.annotations = handler.annotations }
        }
      }
      streams.remove(s.stream)
    }
    table.remove(index)
    finishedCount += 1
    assets?.add(record)
    if options.collectFlows { flows.append(record) }
    onFlowEnd?(record)
  }

  /// Finishes flows idle for longer than the timeout (capture time), so memory follows the live flows only.
  func sweep() {
    hot.pointee.lastSweep = hot.pointee.clock
    let limit = hot.pointee.clock &- options.idleTimeoutNanoseconds
    for index in 0..<table.highWater {
      let state = table.states + index
      if state.pointee.live && state.pointee.lastSeen < limit { finish(index, reason: .idle) }
    }
  }

  /// Finishes every live flow (reason `.captureEnd`).
  func finishAll() {
    for index in 0..<table.highWater where table.states[index].live {
      finish(index, reason: .captureEnd)
    }
  }

  /// The collected records ordered by flow id (idle flows were emitted before older live ones).
  ///
  /// Ids are handed out densely from 0 and every record is collected once, so each record's id is its position: one
  /// pass places them (a comparison sort would move the large records many times).
  func recordsInFlowOrder() -> [FlowRecord] {
    flows = Self.inFlowOrder(flows)
    return flows
  }

  private static func inFlowOrder(_ records: [FlowRecord]) -> [FlowRecord] {
    if records.indices.allSatisfy({ records[$0].flowID == $0 }) { return records }
    var placed = [FlowRecord?](repeating: nil, count: records.count)
    for record in records {
      guard record.flowID >= 0 && record.flowID < placed.count && placed[record.flowID] == nil else {
        return records.sorted { $0.flowID < $1.flowID }
      }
      placed[record.flowID] = record
    }
    return placed.compactMap { $0 }
  }
}
