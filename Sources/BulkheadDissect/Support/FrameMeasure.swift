/// What a protocol's framing says about the bytes at the start of a frame.
enum FrameMeasure {
  /// The frame is this many bytes long, header included.
  case length(Int)
  /// The header is not a valid frame header; the value names what was wrong.
  case invalid(String)
}
