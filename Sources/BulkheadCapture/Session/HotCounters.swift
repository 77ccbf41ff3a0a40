/// Per-packet counters of a session, kept behind an unsafe pointer so the hot loop pays no dynamic exclusivity
/// checks (class stored properties would); copied into ``CaptureStatistics`` when the session finishes.
struct HotCounters {
  var packetsRead: UInt64 = 0
  var frameBytes: UInt64 = 0
  var snaplenCutPackets: UInt64 = 0
  var packetsInFlows: UInt64 = 0
  var lastPacketNumber = 0
  var clock: Int64 = .min
  var lastSweep: Int64 = .min
  /// One counter per ``NotDecodedReason``, at its ``NotDecodedReason/counterIndex`` (a homogeneous tuple is laid
  /// out like a C array).
  private var notDecoded: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

  /// Counters for this many reasons (`HotCountersTests` holds it equal to the number of ``NotDecodedReason``s).
  static let reasonCapacity = 8

  @inline(__always) mutating func count(_ reason: NotDecodedReason) {
    let index = reason.counterIndex
    withUnsafeMutablePointer(to: &notDecoded) {
      UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt64.self)[index] &+= 1
    }
  }

  /// Packets counted under `reason`.
  subscript(reason: NotDecodedReason) -> UInt64 {
    var copy = notDecoded
    return withUnsafePointer(to: &copy) {
      UnsafeRawPointer($0).assumingMemoryBound(to: UInt64.self)[reason.counterIndex]
    }
  }
}
