/// CRC-16/DNP (IEEE 1815-2012 §9.2.3.4): polynomial 0x3D65 reflected, init 0, result complemented, sent low byte first.
///
/// Every byte of DNP3 user data sits under a CRC, so this runs over all of it. It takes four bytes a step ("slicing
/// by four", Kounavis & Berry 2005): four table look-ups that do not wait on one another, instead of one look-up
/// per byte each waiting on the last.
enum DNP3CRC {
  /// Four 256-entry tables, one after another: table `k` holds the CRC of a byte followed by `k` zero bytes (table 0
  /// is the classic byte-at-a-time table). Built once, never written again and never freed, so sharing it between
  /// threads is safe.
  nonisolated(unsafe) private static let tables: UnsafePointer<UInt16> = {
    let tables = UnsafeMutablePointer<UInt16>.allocate(capacity: 4 * 256)
    for index in 0..<256 {
      var crc = UInt16(index)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA6BC : crc >> 1 }
      tables[index] = crc
    }
    for table in 1..<4 {
      for index in 0..<256 {
        let previous = tables[(table - 1) * 256 + index]
        tables[table * 256 + index] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
      }
    }
    return UnsafePointer(tables)
  }()

  /// The CRC of a byte range.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
    guard let base = bytes.baseAddress else { return ~0 }
    let tables = Self.tables
    var crc: UInt32 = 0
    var offset = 0
    let count = bytes.count
    while count &- offset >= 4 {
      let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) ^ crc
      crc = UInt32(
        tables[768 &+ Int(word & 0xFF)] ^ tables[512 &+ Int(word >> 8 & 0xFF)]
          ^ tables[256 &+ Int(word >> 16 & 0xFF)] ^ tables[Int(word >> 24)])
      offset &+= 4
    }
    while offset < count {
      crc = crc >> 8 ^ UInt32(tables[Int((crc ^ UInt32(base.load(fromByteOffset: offset, as: UInt8.self))) & 0xFF)])
      offset &+= 1
    }
    return ~UInt16(truncatingIfNeeded: crc)
  }

  /// Whether `bytes[offset..<offset+length]` is followed by its correct CRC.
  static func check(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> Bool {
    guard let block = bytes.slice(offset, length), let stored = bytes.u16le(offset + length) else { return false }
    return checksum(block) == stored
  }
}
