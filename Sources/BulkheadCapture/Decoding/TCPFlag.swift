/// TCP header flag bits (RFC 9293 §3.1) as `DecodedPacket.tcpFlags` holds them (byte 13 of the header).
enum TCPFlag {
  static let fin: UInt8 = 0x01
  static let syn: UInt8 = 0x02
  static let rst: UInt8 = 0x04
  static let ack: UInt8 = 0x10

  /// SYN without ACK: the first packet of a connection attempt.
  @inline(__always) static func isSYNOnly(_ flags: UInt8) -> Bool { flags & (syn | ack) == syn }
  /// SYN and ACK: the responder's answer to a SYN.
  @inline(__always) static func isSYNACK(_ flags: UInt8) -> Bool { flags & (syn | ack) == syn | ack }
  /// ACK without SYN: any segment after the handshake's first two.
  @inline(__always) static func isACKWithoutSYN(_ flags: UInt8) -> Bool { flags & (syn | ack) == ack }
}
