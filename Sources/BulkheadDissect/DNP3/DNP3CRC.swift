/// CRC-16/DNP (IEEE 1815-2012 §9.2.3.4): polynomial 0x3D65 reflected, init 0, result complemented, sent low byte first.
enum DNP3CRC {
  static let table: [UInt16] = (0..<256).map { index in
    var crc = UInt16(index)
    for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA6BC : crc >> 1 }
    return crc
  }

  /// The CRC of a byte range.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
    var crc: UInt16 = 0
    table.withUnsafeBufferPointer { table in
      for byte in bytes { crc = (crc >> 8) ^ table[Int((crc ^ UInt16(byte)) & 0xFF)] }
    }
    return ~crc
  }

  /// Whether `bytes[offset..<offset+length]` is followed by its correct CRC.
  static func check(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) -> Bool {
    guard let block = bytes.slice(offset, length), let stored = bytes.u16le(offset + length) else { return false }
    return checksum(block) == stored
  }
}
