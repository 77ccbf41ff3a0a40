/// How the flow table decided which side started a flow; only `.portHeuristic` is a guess.
public enum InitiatorBasis: String, Hashable, Sendable, Codable {
  /// The initiator sent the first TCP SYN (without ACK).
  case syn
  /// Only the SYN-ACK was captured; the initiator is the side it was sent to.
  case synAck = "syn-ack"
  /// No handshake was seen; the initiator is the sender of the first captured packet.
  case firstPacket = "first-packet"
  /// No handshake was seen and the first packet came from a well-known service port to an ephemeral one,
  /// so the sides were swapped: a guess, flagged as such.
  case portHeuristic = "port-heuristic"
}
