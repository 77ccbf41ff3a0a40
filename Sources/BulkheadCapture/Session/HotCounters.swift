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
  /// One counter per ``NotDecodedReason``, in declaration order.
  var notDecoded: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

  @inline(__always) mutating func count(_ index: Int) {
    switch index {
    case 0: notDecoded.0 &+= 1
    case 1: notDecoded.1 &+= 1
    case 2: notDecoded.2 &+= 1
    case 3: notDecoded.3 &+= 1
    case 4: notDecoded.4 &+= 1
    case 5: notDecoded.5 &+= 1
    case 6: notDecoded.6 &+= 1
    default: notDecoded.7 &+= 1
    }
  }

  func notDecodedCount(_ index: Int) -> UInt64 {
    switch index {
    case 0: notDecoded.0
    case 1: notDecoded.1
    case 2: notDecoded.2
    case 3: notDecoded.3
    case 4: notDecoded.4
    case 5: notDecoded.5
    case 6: notDecoded.6
    default: notDecoded.7
    }
  }
}
