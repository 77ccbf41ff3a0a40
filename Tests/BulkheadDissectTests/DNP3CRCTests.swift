import Testing

@testable import BulkheadDissect

/// The table-driven CRC-16/DNP against its definition, bit by bit.
@Suite struct DNP3CRCTests {
  /// IEEE 1815-2012 §9.2.3.4 as written: reflected polynomial 0x3D65 (0xA6BC), initial value 0, complemented.
  static func reference(_ bytes: [UInt8]) -> UInt16 {
    var crc: UInt16 = 0
    for byte in bytes {
      crc ^= UInt16(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA6BC : crc >> 1 }
    }
    return ~crc
  }

  @Test func checkValueOfTheCatalogue() {
    // CRC-16/DNP's published check value: the CRC of the ASCII digits "123456789" is 0xEA82.
    let digits = Array("123456789".utf8)
    #expect(digits.withUnsafeBytes { DNP3CRC.checksum($0) } == 0xEA82)
    #expect(Self.reference(digits) == 0xEA82)
  }

  @Test func equalsTheBitwiseDefinitionAtEveryLengthAndAlignment() {
    var generator = SystemRandomNumberGenerator()
    for length in 0...40 {
      for shift in 0..<4 {
        let buffer = (0..<(length + shift)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expected = Self.reference(Array(buffer[shift...]))
        let actual = buffer.withUnsafeBytes { DNP3CRC.checksum(UnsafeRawBufferPointer(rebasing: $0[shift...])) }
        #expect(actual == expected, "length \(length), offset \(shift)")
      }
    }
  }
}
