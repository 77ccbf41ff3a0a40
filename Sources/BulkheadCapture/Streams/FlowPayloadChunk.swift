/// A run of in-order payload bytes of one direction of a flow: the next TCP stream bytes, or one whole UDP datagram.
///
/// `bytes` points into the memory-mapped capture or the flow's reorder buffer and is valid **only during the call**
/// that receives the chunk; copy what you need to keep.
public struct FlowPayloadChunk {
  /// The flow's identifier (see ``FlowStart/flowID``).
  public var flowID: Int
  /// Which way the bytes travel.
  public var direction: FlowDirection
  /// The payload bytes, valid only during the call.
  public var bytes: UnsafeRawBufferPointer
  /// Offset of the first byte within this direction's stream (TCP: bytes since the first delivered byte, counting
  /// gaps; UDP: bytes of earlier datagrams in this direction).
  public var streamOffset: UInt64
  /// The 1-based number (within its capture file) of the packet that carried these bytes, or that completed the
  /// in-order run when they came out of the reorder buffer.
  public var packetNumber: Int
  /// The time of that packet.
  public var timestamp: CaptureTimestamp

  /// Creates a chunk.
  public init(
    flowID: Int, direction: FlowDirection, bytes: UnsafeRawBufferPointer, streamOffset: UInt64, packetNumber: Int,
    timestamp: CaptureTimestamp
  ) {
    self.flowID = flowID
    self.direction = direction
    self.bytes = bytes
    self.streamOffset = streamOffset
    self.packetNumber = packetNumber
    self.timestamp = timestamp
  }
}
