/// Bytes of a TCP stream that were never captured: the next chunk in `direction` starts `missingBytes` later.
///
/// Dissectors must resynchronise (or give up on the stream) after a gap; the flow table never papers over one.
public struct FlowGap: Sendable, Hashable {
  /// The flow's identifier.
  public var flowID: Int
  /// Which direction lost bytes.
  public var direction: FlowDirection
  /// Offset of the first missing byte within this direction's stream.
  public var streamOffset: UInt64
  /// How many bytes are missing.
  public var missingBytes: UInt64
  /// The packet number at which the gap was declared (the packet after it, or the last one of the flow).
  public var packetNumber: Int

  /// Creates a gap description.
  public init(flowID: Int, direction: FlowDirection, streamOffset: UInt64, missingBytes: UInt64, packetNumber: Int) {
    self.flowID = flowID
    self.direction = direction
    self.streamOffset = streamOffset
    self.missingBytes = missingBytes
    self.packetNumber = packetNumber
  }
}
