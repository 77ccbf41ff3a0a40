/// The protocol side of a ``FrameAssembler``: how long a frame is, and what to do with one.
protocol FrameHandler {
  /// Measures the frame whose header starts the buffer (at least the assembler's header length is present).
  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure
  /// Parses one complete frame.
  mutating func frame(_ frame: UnsafeRawBufferPointer)
  /// Records that framing was lost.
  mutating func framingLost(_ why: String)
}
