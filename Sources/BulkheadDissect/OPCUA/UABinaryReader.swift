/// A cursor over OPC UA binary encoding (OPC 10000-6 §5.2); every read returns nil past the end, never traps.
struct UABinaryReader {
  let bytes: UnsafeRawBufferPointer
  var offset: Int

  init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  mutating func u8() -> UInt8? {
    guard let value = bytes.u8(offset) else { return nil }
    offset += 1
    return value
  }

  mutating func u16() -> UInt16? {
    guard let value = bytes.u16le(offset) else { return nil }
    offset += 2
    return value
  }

  mutating func u32() -> UInt32? {
    guard let value = bytes.u32le(offset) else { return nil }
    offset += 4
    return value
  }

  mutating func skip(_ count: Int) -> Bool {
    guard count >= 0, count <= bytes.count - offset else { return false }
    offset += count
    return true
  }

  /// §5.2.2.4 String / §5.2.2.7 ByteString: Int32 length, -1 is null. Returns the byte range.
  mutating func byteString() -> UnsafeRawBufferPointer?? {
    guard let raw = u32() else { return nil }
    let length = Int32(bitPattern: raw)
    if length < 0 { return .some(nil) }
    guard let value = bytes.slice(offset, Int(length)) else { return nil }
    offset += Int(length)
    return .some(value)
  }

  /// Skips a String or ByteString.
  mutating func skipString() -> Bool { byteString() != nil }

  /// A String as text (identity and policy only; not on the per-PDU path).
  mutating func string() -> String?? {
    guard let value = byteString() else { return nil }
    guard let present = value else { return .some(nil) }
    return .some(String(decoding: present, as: UTF8.self))
  }

  /// §5.2.2.9 NodeId / §5.2.2.10 ExpandedNodeId: returns the numeric identifier, or 0 for non-numeric ids.
  mutating func nodeID() -> UInt32? {
    guard let encoding = u8() else { return nil }
    var identifier: UInt32 = 0
    switch encoding & 0x0F {
    case 0x00:
      guard let value = u8() else { return nil }
      identifier = UInt32(value)
    case 0x01:
      guard skip(1), let value = u16() else { return nil }
      identifier = UInt32(value)
    case 0x02:
      guard skip(2), let value = u32() else { return nil }
      identifier = value
    case 0x03, 0x05:
      guard skip(2), skipString() else { return nil }
    case 0x04:
      guard skip(2 + 16) else { return nil }
    default:
      return nil
    }
    if encoding & 0x80 != 0 {
      guard skipString() else { return nil }
    }
    if encoding & 0x40 != 0 {
      guard skip(4) else { return nil }
    }
    return identifier
  }

  /// §5.2.2.15 ExtensionObject: type id, encoding mask, body. Returns the type id and the body when binary.
  mutating func extensionObject() -> (typeID: UInt32, body: UnsafeRawBufferPointer?)? {
    guard let typeID = nodeID(), let encoding = u8() else { return nil }
    switch encoding {
    case 0x00: return (typeID, nil)
    case 0x01, 0x02:
      guard let body = byteString() else { return nil }
      return (typeID, encoding == 0x01 ? body : nil)
    default: return nil
    }
  }

  /// §5.2.2.12 DiagnosticInfo is not needed; the §7.28 RequestHeader is skipped whole.
  mutating func skipRequestHeader() -> Bool {
    // AuthenticationToken, Timestamp, RequestHandle, ReturnDiagnostics, AuditEntryId, TimeoutHint, AdditionalHeader.
    guard nodeID() != nil, skip(8 + 4 + 4), skipString(), skip(4), extensionObject() != nil else { return false }
    return true
  }
}
