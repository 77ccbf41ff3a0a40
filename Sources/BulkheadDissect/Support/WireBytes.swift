// Bounds-checked reads of wire integers from raw buffers; every read returns nil instead of trapping.
extension UnsafeRawBufferPointer {
  @inline(__always)
  func u8(_ offset: Int) -> UInt8? {
    guard offset >= 0, offset < count else { return nil }
    return self[offset]
  }

  @inline(__always)
  func u16be(_ offset: Int) -> UInt16? {
    guard offset >= 0, offset <= count - 2 else { return nil }
    return UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  @inline(__always)
  func u16le(_ offset: Int) -> UInt16? {
    guard offset >= 0, offset <= count - 2 else { return nil }
    return UInt16(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  @inline(__always)
  func u32le(_ offset: Int) -> UInt32? {
    guard offset >= 0, offset <= count - 4 else { return nil }
    return UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  @inline(__always)
  func u32be(_ offset: Int) -> UInt32? {
    guard offset >= 0, offset <= count - 4 else { return nil }
    return UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// A sub-buffer, or nil when `offset..<offset+length` is not inside this buffer.
  @inline(__always)
  func slice(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer? {
    guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
    return UnsafeRawBufferPointer(rebasing: self[offset..<(offset + length)])
  }

  /// The bytes from `offset` to the end, or an empty buffer.
  @inline(__always)
  func suffix(from offset: Int) -> UnsafeRawBufferPointer {
    guard offset >= 0, offset < count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(rebasing: self[offset...])
  }

  /// Printable text of a byte range: NULs and trailing spaces trimmed, non-ASCII bytes escaped; for identities only.
  func text(_ offset: Int, _ length: Int) -> String? {
    guard let bytes = slice(offset, length) else { return nil }
    var result = ""
    for byte in bytes {
      if byte == 0 { continue }
      if byte >= 0x20, byte < 0x7F {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += "\\x" + String(byte, radix: 16)
      }
    }
    while result.hasSuffix(" ") { result.removeLast() }
    return result.isEmpty ? nil : result
  }
}
