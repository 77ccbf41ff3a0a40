/// MQTT's two wire encodings every packet uses: the Variable Byte Integer (3.1.1 §2.2.3, 5.0 §1.5.5) and the
/// length-prefixed UTF-8 string (3.1.1 §1.5.3, 5.0 §1.5.4).
enum MQTTWire {
  /// What a Variable Byte Integer read found.
  enum Integer {
    /// The value and how many bytes encoded it (1–4).
    case value(Int, length: Int)
    /// The buffer ends inside the integer: this many bytes, counted from the buffer's start, are needed.
    case truncated(needing: Int)
    /// A fourth byte still has its continuation bit set: at most four bytes (value ≤ 268,435,455) are allowed.
    case malformed
  }

  /// Reads a Variable Byte Integer at `offset`: seven bits per byte, least significant first, the high bit set
  /// while more bytes follow.
  static func integer(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Integer {
    var value = 0
    for index in 0..<4 {
      guard let byte = bytes.u8(offset + index) else { return .truncated(needing: offset + index + 1) }
      value |= Int(byte & 0x7F) << (7 * index)
      if byte & 0x80 == 0 { return .value(value, length: index + 1) }
    }
    return .malformed
  }

  /// The bytes of the string at `offset` (a two-byte big-endian length, then the bytes), or nil when it overruns.
  static func string(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UnsafeRawBufferPointer? {
    guard let length = bytes.u16be(offset) else { return nil }
    return bytes.slice(offset + 2, Int(length))
  }

  /// The offset after a property block at `offset` (MQTT 5.0 §2.2.2: a Variable Byte Integer length, then that
  /// many bytes), or nil when it is malformed or overruns.
  static func skipProperties(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int? {
    guard case .value(let length, let size) = integer(bytes, at: offset), length <= bytes.count - offset - size
    else { return nil }
    return offset + size + length
  }
}
