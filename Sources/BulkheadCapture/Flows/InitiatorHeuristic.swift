/// Decides which side of a new flow started it, from the flow's first packet.
///
/// The SYN sender, else the receiver of a SYN-ACK, else the first packet's sender — unless that sender used a
/// service port towards an ephemeral one, which is flagged as a guess (``InitiatorBasis/portHeuristic``).
enum InitiatorHeuristic {
  /// The basis of the decision and whether the first packet's source is the initiator.
  @inline(__always) static func decide(
    transport: UInt8, flags: UInt8, sourcePort: UInt16, destinationPort: UInt16
  ) -> (basis: InitiatorBasis, sourceIsInitiator: Bool) {
    if transport == TransportProtocol.tcpNumber && flags & TCPFlag.syn != 0 {
      return flags & TCPFlag.ack == 0 ? (.syn, true) : (.synAck, false)
    }
    if sourcePort != destinationPort && isServicePort(sourcePort) && !isServicePort(destinationPort) {
      return (.portHeuristic, false)
    }
    return (.firstPacket, true)
  }

  /// Well-known and industrial service ports, used only for the flagged fallback.
  static func isServicePort(_ port: UInt16) -> Bool {
    if port < 1024 { return true }
    switch port {
    case 1433, 1883, 1911, 2222, 2404, 3389, 4000, 4840, 4911, 5007, 5094, 5432, 8080, 8443, 8530, 8883, 9600, 20000,
      34962, 34963, 34964, 44818, 47808, 48898:
      return true
    default:
      return false
    }
  }
}
