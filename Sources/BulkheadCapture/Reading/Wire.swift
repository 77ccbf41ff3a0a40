/// Unaligned loads from packet and file bytes; callers check the length first (STYLE.md: check, then read).
enum Wire {
  @inline(__always) static func u8(_ p: UnsafeRawPointer, _ offset: Int) -> UInt8 {
    p.load(fromByteOffset: offset, as: UInt8.self)
  }

  @inline(__always) static func be16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16 {
    UInt16(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  @inline(__always) static func be32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  @inline(__always) static func be64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(bigEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  @inline(__always) static func le16(_ p: UnsafeRawPointer, _ offset: Int) -> UInt16 {
    UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  @inline(__always) static func le32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// A 16-bit value in the given byte order (`bigEndian` true for network order).
  @inline(__always) static func u16(_ p: UnsafeRawPointer, _ offset: Int, bigEndian: Bool) -> UInt16 {
    bigEndian ? be16(p, offset) : le16(p, offset)
  }

  /// A 32-bit value in the given byte order.
  @inline(__always) static func u32(_ p: UnsafeRawPointer, _ offset: Int, bigEndian: Bool) -> UInt32 {
    bigEndian ? be32(p, offset) : le32(p, offset)
  }

  /// A 48-bit MAC address at `offset`, as the low 48 bits.
  @inline(__always) static func mac(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(be32(p, offset)) << 16 | UInt64(be16(p, offset + 4))
  }
}
