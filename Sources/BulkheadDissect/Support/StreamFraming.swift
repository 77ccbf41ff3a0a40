import BulkheadCapture

/// Both directions of a flow cut into frames: one ``FrameAssembler`` per direction over TCP, one datagram at a time
/// over UDP. Every dissector's `consume` and `gap` are one call into this.
struct StreamFraming {
  private var requests: FrameAssembler
  private var responses: FrameAssembler
  private let datagrams: Bool
  /// The violation code for a datagram that is not a whole number of frames, e.g. `dnp3.datagram`.
  private let datagramCode: String
  /// What one frame is called in that violation's message, e.g. `link frame`.
  private let frameNoun: String

  /// Framing for `transport`; over UDP each datagram must hold whole frames (`datagramCode`, `frameNoun` name the
  /// violation when one does not).
  init(
    transport: TransportProtocol, headerLength: Int, maximumLength: Int, datagramCode: String = "",
    frameNoun: String = "frame"
  ) {
    requests = FrameAssembler(headerLength: headerLength, maximumLength: maximumLength)
    responses = requests
    datagrams = transport == .udp
    self.datagramCode = datagramCode
    self.frameNoun = frameNoun
  }

  /// Bytes ignored in both directions because of gaps or lost framing.
  var skippedBytes: Int { requests.skippedBytes + responses.skippedBytes }

  /// Feeds one direction's next bytes (one datagram over UDP) to `parser`, frame by frame.
  @inline(__always)
  mutating func feed<Parser: FrameParser>(
    _ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int, into parser: inout Parser
  ) {
    parser.direction = direction
    parser.packet = packet
    if datagrams {
      feedDatagram(bytes, into: &parser)
      return
    }
    switch direction {
    case .initiatorToResponder: requests.feed(bytes, into: &parser)
    case .responderToInitiator: responses.feed(bytes, into: &parser)
    }
  }

  /// A datagram holds whole frames (DNP3: IEEE 1815-2012 Annex E; EtherNet/IP: Vol 2 §2-2), so it is framed by a
  /// fresh assembler, and what is left over is a violation rather than the start of the next frame.
  private func feedDatagram<Parser: FrameParser>(_ bytes: UnsafeRawBufferPointer, into parser: inout Parser) {
    var datagram = FrameAssembler(headerLength: requests.headerLength, maximumLength: requests.maximumLength)
    datagram.feed(bytes, into: &parser)
    datagram.gap(length: 0)
    if datagram.skippedBytes > 0 {
      parser.violations.record(
        datagramCode, "\(datagram.skippedBytes) bytes of a datagram are not a whole \(frameNoun)",
        packet: parser.packet, direction: parser.direction)
    }
  }

  /// Bytes are missing in one direction: the partial frame there is dropped and framing is looked for again.
  mutating func gap<Parser: FrameParser>(direction: FlowDirection, length: Int, parser: inout Parser) {
    switch direction {
    case .initiatorToResponder: requests.gap(length: length)
    case .responderToInitiator: responses.gap(length: length)
    }
    parser.gap(direction: direction)
  }
}
