import BulkheadCapture

/// A consumer that keeps everything it is handed, for asserting on the stream API.
final class RecordingConsumer: FlowPayloadConsumer {
  var starts: [FlowStart] = []
  var handlers: [RecordingHandler] = []
  /// Handed to every handler: after this many chunks it answers `.enough`.
  var chunkLimit: Int?

  func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? {
    starts.append(flow)
    let handler = RecordingHandler()
    handler.chunkLimit = chunkLimit
    handlers.append(handler)
    return handler
  }
}

/// Per-flow recorder: the bytes of each direction, the gaps, and the end.
final class RecordingHandler: FlowPayloadHandler {
  var bytes: [FlowDirection: [UInt8]] = [:]
  var nextOffset: [FlowDirection: UInt64] = [:]
  var gaps: [FlowGap] = []
  var offsetsConsistent = true
  var ended: FlowRecord?

  /// After this many chunks the handler answers `.enough` (nil: never).
  var chunkLimit: Int?
  var chunks = 0

  func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand {
    if chunk.streamOffset != nextOffset[chunk.direction, default: 0] { offsetsConsistent = false }
    bytes[chunk.direction, default: []] += Array(chunk.bytes)
    nextOffset[chunk.direction] = chunk.streamOffset + UInt64(chunk.bytes.count)
    chunks += 1
    if let chunkLimit, chunks >= chunkLimit { return .enough }
    return .more
  }

  func gap(_ gap: FlowGap) {
    if gap.streamOffset != nextOffset[gap.direction, default: 0] { offsetsConsistent = false }
    gaps.append(gap)
    nextOffset[gap.direction] = gap.streamOffset + gap.missingBytes
  }

  func flowDidEnd(_ flow: FlowRecord) { ended = flow }

  var annotations: [String: String] { ["protocol": "test"] }

  func text(_ direction: FlowDirection) -> String { String(decoding: bytes[direction] ?? [], as: UTF8.self) }
}
