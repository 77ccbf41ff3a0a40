/// What the flow table saw of a TCP connection's life: handshake, resets, closes, lost bytes.
public struct TCPFlowState: Hashable, Sendable, Codable {
  /// A SYN (without ACK) was seen.
  public var synSeen = false
  /// A SYN-ACK was seen.
  public var synAckSeen = false
  /// The three-way handshake completed: SYN, SYN-ACK and the initiator's ACK of it were all captured.
  public var handshakeCompleted = false
  /// Either side sent a RST.
  public var reset = false
  /// The initiator sent a FIN.
  public var finFromInitiator = false
  /// The responder sent a FIN.
  public var finFromResponder = false
  /// Segments whose bytes had all been delivered already (retransmissions), not delivered again.
  public var retransmittedSegments: UInt64 = 0
  /// Payload bytes never captured (sum of reported gaps, both directions); 0 when no consumer reassembled the flow.
  public var missingBytes: UInt64 = 0

  /// Creates an empty state.
  public init() {}

  /// Both sides sent FIN, or one sent RST: the connection is over.
  public var closed: Bool { reset || (finFromInitiator && finFromResponder) }
}
