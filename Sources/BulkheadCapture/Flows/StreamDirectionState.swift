/// Reassembly state of one direction of a TCP stream: the next expected sequence number and the segments that
/// arrived ahead of it (copied, bounded by the reorder limit).
struct StreamDirectionState {
  /// A segment held until the bytes before it arrive.
  struct Segment {
    var sequence: UInt32
    var bytes: [UInt8]
  }

  var nextSequence: UInt32 = 0
  var synchronised = false
  /// Bytes of this direction delivered or declared missing so far (the stream offset of `nextSequence`).
  var offset: UInt64 = 0
  var segments: [Segment] = []
  var bufferedBytes = 0
  var retransmissions: UInt64 = 0
  var missingBytes: UInt64 = 0
}
