/// What a protocol's framing says about the bytes at the start of a frame.
enum FrameMeasure {
  /// The frame is this many bytes long, header included.
  case length(Int)
  /// The header is not a valid frame header; the value names what was wrong.
  case invalid(String)
  /// The header is longer than the bytes given (a variable-length header, MQTT's Remaining Length): measure again
  /// once at least this many bytes are there.
  case incomplete(needing: Int)
  /// The rest of this direction is no longer framed this way, as the protocol says it will be (RDP continuing in
  /// TLS after its X.224 connection): ignored until the next gap, without a violation and not counted as skipped.
  case handedOver
}
