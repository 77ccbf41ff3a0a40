/// Delivers one flow's payload to its handler in order: TCP bytes by sequence number (retransmissions dropped,
/// out-of-order segments buffered up to a limit, holes reported as gaps), UDP datagrams as they come.
///
/// After the handler answers ``FlowPayloadDemand/enough`` the stream keeps its sequence bookkeeping (the flow's
/// retransmission and missing-byte counters do not depend on who listens) but calls the handler no more.
final class FlowStream {
  /// Who screens the flow's payload while it has no handler (unowned: the session holding this stream keeps the
  /// consumer alive, and an owning reference would cost every stream a retain).
  private unowned(unsafe) let consumer: (any FlowPayloadConsumer)?
  /// The handler, once there is one: from the start, or when the consumer claims the flow.
  @exclusivity(unchecked) private(set) var handler: (any FlowPayloadHandler)?
  let flowID: Int
  private let limit: Int
  private let transport: TransportProtocol
  private let initiatorPort: UInt16
  private let responderPort: UInt16
  /// Payloads screened and answered ``FlowVerdict/later`` so far.
  @exclusivity(unchecked) private var screened = 0
  /// Whether the handler (or the screening consumer) still wants payload.
  @exclusivity(unchecked) private(set) var delivering = true
  // The two directions' states. Only this stream touches them (and its other mutable properties), one call at a
  // time, so the dynamic exclusivity check every access to a class's mutable property would pay per segment is
  // switched off.
  @exclusivity(unchecked) private var forward = StreamDirectionState()
  @exclusivity(unchecked) private var backward = StreamDirectionState()

  /// A stream delivering to `handler` from its first byte.
  convenience init(handler: any FlowPayloadHandler, flowID: Int, limit: Int) {
    self.init(handler: handler, screenedBy: nil, flowID: flowID, transport: .tcp, ports: (0, 0), limit: limit)
  }

  /// A stream whose payload `consumer` screens until it claims the flow (see ``FlowPayloadConsumer/screensFlows``).
  convenience init(
    screenedBy consumer: any FlowPayloadConsumer, flowID: Int, transport: TransportProtocol,
    ports: (initiator: UInt16, responder: UInt16), limit: Int
  ) {
    self.init(handler: nil, screenedBy: consumer, flowID: flowID, transport: transport, ports: ports, limit: limit)
  }

  /// A stream for a datagram flow claimed after some of its payload went by: it starts at the offsets of the bytes
  /// already seen in each direction.
  convenience init(
    claimedBy handler: any FlowPayloadHandler, flowID: Int, limit: Int, initiatorOffset: UInt64,
    responderOffset: UInt64
  ) {
    self.init(handler: handler, screenedBy: nil, flowID: flowID, transport: .udp, ports: (0, 0), limit: limit)
    forward.offset = initiatorOffset
    backward.offset = responderOffset
  }

  private init(
    handler: (any FlowPayloadHandler)?, screenedBy consumer: (any FlowPayloadConsumer)?, flowID: Int,
    transport: TransportProtocol, ports: (initiator: UInt16, responder: UInt16), limit: Int
  ) {
    self.handler = handler
    self.consumer = consumer
    self.flowID = flowID
    self.transport = transport
    initiatorPort = ports.initiator
    responderPort = ports.responder
    self.limit = max(0, limit)
  }

  var retransmissions: UInt64 { forward.retransmissions + backward.retransmissions }
  var missingBytes: UInt64 { forward.missingBytes + backward.missingBytes }

  @inline(__always) private func receive(_ chunk: FlowPayloadChunk) {
    if let handler {
      if handler.receive(chunk) == .enough { delivering = false }
    } else {
      screen(chunk)
    }
  }

  /// Shows a chunk of a flow without a handler to the screening consumer; a claim hands it, and the rest, over.
  private func screen(_ chunk: FlowPayloadChunk) {
    guard let consumer, !chunk.bytes.isEmpty else { return }
    let verdict = consumer.screen(
      FlowScreen(
        flowID: flowID, transport: transport, initiatorPort: initiatorPort, responderPort: responderPort,
        direction: chunk.direction, attempt: screened),
      payload: chunk.bytes)
    switch verdict {
    case .claim(let claimed):
      handler = claimed
      if claimed.receive(chunk) == .enough { delivering = false }
    case .later:
      screened += 1
    case .never:
      delivering = false
    }
  }

  /// Hands one UDP (or other datagram) payload over; a snaplen-cut datagram is followed by a gap for the rest.
  func datagram(
    _ direction: FlowDirection, _ payload: UnsafeRawBufferPointer, wireLength: Int, packet: Int, time: Int64
  ) {
    if direction == .initiatorToResponder {
      datagram(direction, &forward, payload, wireLength: wireLength, packet: packet, time: time)
    } else {
      datagram(direction, &backward, payload, wireLength: wireLength, packet: packet, time: time)
    }
  }

  private func datagram(
    _ direction: FlowDirection, _ state: inout StreamDirectionState, _ payload: UnsafeRawBufferPointer,
    wireLength: Int, packet: Int, time: Int64
  ) {
    if delivering {
      receive(
        FlowPayloadChunk(
          flowID: flowID, direction: direction, bytes: payload, streamOffset: state.offset,
          packetNumber: packet, timestamp: CaptureTimestamp(nanoseconds: time)))
    }
    state.offset += UInt64(payload.count)
    if wireLength > payload.count {
      passUncaptured(UInt64(wireLength - payload.count), direction, &state, packet: packet)
    }
  }

  /// Hands one TCP segment over (RFC 9293 §3.4 sequence arithmetic, modulo 2^32).
  func segment(
    _ direction: FlowDirection, sequence: UInt32, flags: UInt8, acknowledgement: UInt32,
    payload: UnsafeRawBufferPointer, wireLength: Int, packet: Int, time: Int64
  ) {
    // Acknowledgements matter only while the peer has segments held back (the common case has none).
    if direction == .initiatorToResponder {
      if flags & TCPFlag.ack != 0 && !backward.segments.isEmpty {
        acknowledged(.responderToInitiator, &backward, acknowledgement, packet: packet, time: time)
      }
      segment(
        direction, &forward, sequence: sequence, flags: flags, payload: payload, wireLength: wireLength,
        packet: packet, time: time)
    } else {
      if flags & TCPFlag.ack != 0 && !forward.segments.isEmpty {
        acknowledged(.initiatorToResponder, &forward, acknowledgement, packet: packet, time: time)
      }
      segment(
        direction, &backward, sequence: sequence, flags: flags, payload: payload, wireLength: wireLength,
        packet: packet, time: time)
    }
  }

  /// The peer acknowledging bytes we hold no copy of means they crossed the wire uncaptured.
  private func acknowledged(
    _ direction: FlowDirection, _ peer: inout StreamDirectionState, _ acknowledgement: UInt32, packet: Int,
    time: Int64
  ) {
    guard peer.synchronised && !peer.segments.isEmpty && Int32(bitPattern: acknowledgement &- peer.nextSequence) > 0
    else { return }
    let first = peer.segments[0].sequence
    let target = Int32(bitPattern: first &- acknowledgement) < 0 ? first : acknowledgement
    declareGap(direction, &peer, upTo: target, packet: packet)
    drain(direction, &peer, packet: packet, time: time)
  }

  private func segment(
    _ direction: FlowDirection, _ state: inout StreamDirectionState, sequence: UInt32, flags: UInt8,
    payload: UnsafeRawBufferPointer, wireLength: Int, packet: Int, time: Int64
  ) {
    var start = sequence
    if flags & TCPFlag.syn != 0 {
      // SYN occupies one sequence number; data (if any) follows it.
      start = sequence &+ 1
      if !state.synchronised || state.offset == 0 {
        state.nextSequence = start
        state.synchronised = true
      }
    }
    if !state.synchronised {
      state.nextSequence = start
      state.synchronised = true
    }
    let length = wireLength
    guard length > 0 else { return }
    let relative = Int32(bitPattern: start &- state.nextSequence)
    if relative <= 0 {
      let overlap = Int(-Int64(relative))
      if overlap >= length {
        state.retransmissions += 1
        return
      }
      deliver(direction, &state, payload: payload, skip: overlap, wireLength: length, packet: packet, time: time)
      if !state.segments.isEmpty { drain(direction, &state, packet: packet, time: time) }
    } else {
      buffer(&state, start: start, payload: payload, wireLength: length)
      while state.bufferedBytes > limit, !state.segments.isEmpty {
        declareGap(direction, &state, upTo: state.segments[0].sequence, packet: packet)
        drain(direction, &state, packet: packet, time: time)
      }
    }
  }

  /// Delivers what is buffered, declaring the holes before it as gaps (the flow is ending).
  func flush(packet: Int, time: Int64) {
    flush(.initiatorToResponder, &forward, packet: packet, time: time)
    flush(.responderToInitiator, &backward, packet: packet, time: time)
  }

  private func flush(_ direction: FlowDirection, _ state: inout StreamDirectionState, packet: Int, time: Int64) {
    while !state.segments.isEmpty {
      declareGap(direction, &state, upTo: state.segments[0].sequence, packet: packet)
      drain(direction, &state, packet: packet, time: time)
    }
  }

  /// Delivers the captured part of a segment after `skip` already-delivered bytes; the uncaptured tail is a gap.
  private func deliver(
    _ direction: FlowDirection, _ state: inout StreamDirectionState, payload: UnsafeRawBufferPointer, skip: Int,
    wireLength: Int, packet: Int, time: Int64
  ) {
    if skip < payload.count, let base = payload.baseAddress {
      let bytes = UnsafeRawBufferPointer(start: base + skip, count: payload.count - skip)
      if delivering {
        receive(
          FlowPayloadChunk(
            flowID: flowID, direction: direction, bytes: bytes, streamOffset: state.offset, packetNumber: packet,
            timestamp: CaptureTimestamp(nanoseconds: time)))
      }
      state.offset += UInt64(bytes.count)
    }
    let delivered = max(skip, payload.count)
    if wireLength > delivered { passUncaptured(UInt64(wireLength - delivered), direction, &state, packet: packet) }
    state.nextSequence = state.nextSequence &+ UInt32(truncatingIfNeeded: wireLength - skip)
  }

  private func buffer(
    _ state: inout StreamDirectionState, start: UInt32, payload: UnsafeRawBufferPointer, wireLength: Int
  ) {
    // Only the captured bytes are kept; a snaplen-cut tail would be reported as a gap when delivered.
    let segment = StreamDirectionState.Segment(sequence: start, bytes: Array(payload))
    var index = state.segments.count
    while index > 0 && Int32(bitPattern: state.segments[index - 1].sequence &- start) > 0 { index -= 1 }
    state.segments.insert(segment, at: index)
    state.bufferedBytes += payload.count
  }

  /// Delivers buffered segments that have become in-order.
  private func drain(_ direction: FlowDirection, _ state: inout StreamDirectionState, packet: Int, time: Int64) {
    while let first = state.segments.first {
      let relative = Int32(bitPattern: first.sequence &- state.nextSequence)
      if relative > 0 { return }
      state.segments.removeFirst()
      state.bufferedBytes -= first.bytes.count
      let overlap = Int(-Int64(relative))
      if overlap >= first.bytes.count {
        state.retransmissions += 1
        continue
      }
      first.bytes.withUnsafeBytes { bytes in
        deliver(
          direction, &state, payload: bytes, skip: overlap, wireLength: first.bytes.count, packet: packet, time: time)
      }
    }
  }

  private func declareGap(
    _ direction: FlowDirection, _ state: inout StreamDirectionState, upTo target: UInt32, packet: Int
  ) {
    let missing = Int64(Int32(bitPattern: target &- state.nextSequence))
    guard missing > 0 else { return }
    passUncaptured(UInt64(missing), direction, &state, packet: packet)
    state.nextSequence = target
  }

  /// `missing` bytes of one direction crossed the wire uncaptured: the handler hears of a gap, and the stream moves
  /// past them.
  private func passUncaptured(
    _ missing: UInt64, _ direction: FlowDirection, _ state: inout StreamDirectionState, packet: Int
  ) {
    if delivering {
      handler?.gap(
        FlowGap(
          flowID: flowID, direction: direction, streamOffset: state.offset, missingBytes: missing,
          packetNumber: packet))
    }
    state.offset += missing
    state.missingBytes += missing
  }
}
