/// Finished flows' observations in the order they were kept, in fixed-size chunks.
///
/// A single growing array copies every observation kept so far each time it doubles; a chunk is reserved once and
/// never moves, so keeping an observation is one write.
struct ObservationStore {
  private static let chunkShift = 10
  private static let chunkSize = 1 << chunkShift
  private var chunks: [[ProtocolObservation]] = []
  /// How many observations are kept.
  private(set) var count = 0

  /// Keeps an observation; returns its position.
  mutating func append(_ observation: consuming ProtocolObservation) -> Int {
    if count & (Self.chunkSize - 1) == 0 {
      var chunk: [ProtocolObservation] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    chunks[chunks.count - 1].append(observation)
    count += 1
    return count - 1
  }

  /// The observation kept at `position` (`0..<count`).
  subscript(position: Int) -> ProtocolObservation {
    chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)]
  }
}
