/// Cuts one direction of a byte stream into length-prefixed frames, across any segment boundaries.
///
/// Frames that arrive whole inside one chunk are handed over in place (no copy); only a frame split across chunks
/// is copied into a reusable buffer. After a bad header the direction is abandoned until the next gap, the way Zeek
/// disables an analyzer after a violation: the framing is lost and guessing would invent PDUs.
struct FrameAssembler {
  /// Bytes of the fixed header the measure function needs.
  let headerLength: Int
  /// The largest frame accepted; longer declared lengths are violations.
  let maximumLength: Int
  private var pending: [UInt8] = []
  private var expected = 0
  /// Header bytes the last measure asked for (``FrameMeasure/incomplete(needing:)``); 0 for the fixed header.
  private var headerNeeded = 0
  /// Whether framing was lost in this direction.
  private(set) var abandoned = false
  /// Bytes ignored since framing was lost.
  private(set) var skippedBytes = 0
  /// Whether the protocol itself stopped framing this direction (``FrameMeasure/handedOver``).
  private var handedOver = false

  init(headerLength: Int, maximumLength: Int) {
    self.headerLength = headerLength
    self.maximumLength = maximumLength
  }

  /// Drops a partial frame after a gap and tries to find framing again at the next chunk.
  mutating func gap(length: Int) {
    skippedBytes += pending.count + max(0, length)
    pending.removeAll(keepingCapacity: true)
    expected = 0
    headerNeeded = 0
    abandoned = false
    handedOver = false
  }

  /// Feeds bytes; calls the handler for each complete frame, and once if framing is lost.
  mutating func feed<Handler: FrameHandler>(_ bytes: UnsafeRawBufferPointer, into handler: inout Handler) {
    if abandoned {
      if !handedOver { skippedBytes += bytes.count }
      return
    }
    var input = bytes
    if !pending.isEmpty {
      // Complete the header first, then the frame, from the front of the new chunk.
      // Complete the header (as many bytes as the last measure asked for), then measure it.
      while expected == 0 {
        let want = max(headerLength, headerNeeded)
        let take = min(want - pending.count, input.count)
        pending.append(contentsOf: input.prefix(take))
        input = input.suffix(from: take)
        if pending.count < want { return }
        let measured = pending.withUnsafeBytes { handler.measure($0) }
        switch measured {
        case .length(let length) where length >= max(headerLength, pending.count) && length <= maximumLength:
          expected = length
          headerNeeded = 0
        case .length(let length):
          abandon("declared frame length \(length) outside \(headerLength)...\(maximumLength)", input, &handler)
          return
        case .incomplete(let needing) where needing > pending.count && needing <= maximumLength:
          headerNeeded = needing
        case .incomplete(let needing):
          abandon("header of \(needing) bytes cannot be measured", input, &handler)
          return
        case .invalid(let why):
          abandon(why, input, &handler)
          return
        case .handedOver:
          handOver()
          return
        }
      }
      let take = min(expected - pending.count, input.count)
      pending.append(contentsOf: input.prefix(take))
      input = input.suffix(from: take)
      if pending.count < expected { return }
      pending.withUnsafeBytes { handler.frame($0) }
      pending.removeAll(keepingCapacity: true)
      expected = 0
    }
    // Fast path: frames wholly inside the chunk are parsed in place.
    while input.count >= headerLength {
      switch handler.measure(input) {
      case .length(let length) where length >= headerLength && length <= maximumLength:
        guard length <= input.count else {
          expected = length
          pending.append(contentsOf: input)
          return
        }
        handler.frame(UnsafeRawBufferPointer(rebasing: input[0..<length]))
        input = input.suffix(from: length)
      case .length(let length):
        abandon("declared frame length \(length) outside \(headerLength)...\(maximumLength)", input, &handler)
        return
      case .incomplete(let needing) where needing > input.count && needing <= maximumLength:
        headerNeeded = needing
        pending.append(contentsOf: input)
        return
      case .incomplete(let needing):
        abandon("header of \(needing) bytes cannot be measured", input, &handler)
        return
      case .invalid(let why):
        abandon(why, input, &handler)
        return
      case .handedOver:
        handOver()
        return
      }
    }
    if !input.isEmpty { pending.append(contentsOf: input) }
  }

  private mutating func handOver() {
    abandoned = true
    handedOver = true
    pending.removeAll(keepingCapacity: true)
    expected = 0
    headerNeeded = 0
  }

  private mutating func abandon<Handler: FrameHandler>(
    _ why: String, _ rest: UnsafeRawBufferPointer, _ handler: inout Handler
  ) {
    abandoned = true
    skippedBytes += pending.count + rest.count
    pending.removeAll(keepingCapacity: true)
    expected = 0
    headerNeeded = 0
    handler.framingLost(why)
  }
}
