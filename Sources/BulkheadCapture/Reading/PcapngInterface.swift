/// What a pcapng Interface Description Block says about the packets of one interface.
struct PcapngInterface {
  /// LINKTYPE_* number.
  var linkType: UInt32
  /// Snapshot length (0 = unlimited).
  var snaplen: UInt32
  /// Timestamps are `units * multiplier / divisor` nanoseconds (from `if_tsresol`, default microseconds).
  var multiplier: Int64 = 1000
  var divisor: Int64 = 1
  /// `if_tsoffset`: seconds added to every timestamp.
  var offsetSeconds: Int64 = 0

  /// Applies an `if_tsresol` value (pcapng §4.2: high bit clear = 10^-n, set = 2^-n).
  mutating func setResolution(_ raw: UInt8) -> Bool {
    let exponent = Int(raw & 0x7f)
    if raw & 0x80 == 0 {
      guard exponent <= 18 else { return false }
      if exponent <= 9 {
        multiplier = Self.powerOfTen(9 - exponent)
        divisor = 1
      } else {
        multiplier = 1
        divisor = Self.powerOfTen(exponent - 9)
      }
    } else {
      guard exponent <= 62 else { return false }
      multiplier = 1_000_000_000
      divisor = Int64(1) << exponent
    }
    return true
  }

  /// Converts raw timestamp units to nanoseconds since the epoch.
  @inline(__always) func nanoseconds(units: UInt64) -> Int64 {
    let offset = offsetSeconds &* 1_000_000_000
    if divisor == 1 { return Int64(bitPattern: units) &* multiplier &+ offset }
    let wide = units.multipliedFullWidth(by: UInt64(multiplier))
    let divisor = UInt64(divisor)
    // Avoid the trap of dividingFullWidth when the quotient would not fit.
    guard wide.high < divisor else { return Int64.max }
    return Int64(truncatingIfNeeded: divisor.dividingFullWidth(wide).quotient) &+ offset
  }

  private static func powerOfTen(_ n: Int) -> Int64 {
    var v: Int64 = 1
    for _ in 0..<n { v &*= 10 }
    return v
  }
}
