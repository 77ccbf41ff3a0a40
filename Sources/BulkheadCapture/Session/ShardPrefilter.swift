/// Which shard owns a packet's flow, read straight from an Ethernet frame's headers, so a ``CaptureShard`` skips
/// the other shards' packets without decoding them.
///
/// Ownership is a symmetric hash of the flow's addresses, ports and transport (both directions give the same
/// value), computed the same way from a decoded ``FlowKey``. The shortcut only answers for frames the
/// ``PacketDecoder`` is certain to decode as plain TCP or UDP — Ethernet with at most two VLAN tags, IPv4 (any
/// options, not a fragment) or IPv6 without extension headers, headers wholly captured and consistent — and returns
/// `nil` for everything else, which is then decoded in full; so skipping a packet never hides a count or a
/// diagnostic that decoding it would have produced.
enum ShardPrefilter {
  /// The ownership hash from the XOR of the two endpoints' address halves and ports (order-free by construction).
  @inline(__always) static func hash(lowXor: UInt64, highXor: UInt64, portXor: UInt16, transport: UInt8) -> UInt64 {
    var h = lowXor &* 0x9e37_79b9_7f4a_7c15
    h ^= highXor &* 0xc2b2_ae3d_27d4_eb4f
    h ^= UInt64(portXor) << 40 | UInt64(transport) << 32
    h = (h ^ (h >> 31)) &* 0xbf58_476d_1ce4_e5b9
    h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
    return h ^ (h >> 31)
  }

  /// The ownership hash of the flow a captured Ethernet frame belongs to, or `nil` when only a full decode can
  /// tell (see the type's documentation for the cases answered).
  @inline(__always) static func hash(ethernetFrame bytes: UnsafeRawBufferPointer) -> UInt64? {
    guard let base = bytes.baseAddress, bytes.count >= 14 else { return nil }
    let end = bytes.count
    var type = Wire.be16(base, 12)
    var start = 14
    for _ in 0..<2 where type == 0x8100 || type == 0x88a8 || type == 0x9100 {
      guard end - start >= 4 else { return nil }
      type = Wire.be16(base, start + 2)
      start += 4
    }
    switch type {
    case 0x0800:
      // PacketDecoder.ipv4, success path only.
      guard end - start >= 20 else { return nil }
      let first = Wire.u8(base, start)
      let headerLength = Int(first & 0x0f) * 4
      guard first >> 4 == 4, headerLength >= 20, end - start >= headerLength else { return nil }
      var totalLength = Int(Wire.be16(base, start + 2))
      if totalLength == 0 { totalLength = end - start }
      guard totalLength >= headerLength, Wire.be16(base, start + 6) & 0x3fff == 0 else { return nil }
      let transport = Wire.u8(base, start + 9)
      let ports = self.ports(
        base, transport, start + headerLength, min(end, start + totalLength), totalLength - headerLength)
      guard let ports else { return nil }
      let lowXor = UInt64(Wire.be32(base, start + 12) ^ Wire.be32(base, start + 16))
      return hash(lowXor: lowXor, highXor: 0, portXor: ports, transport: transport)
    case 0x86dd:
      // PacketDecoder.ipv6 with the upper-layer header first.
      guard end - start >= 40, Wire.u8(base, start) >> 4 == 6 else { return nil }
      let transport = Wire.u8(base, start + 6)
      var payloadLength = Int(Wire.be16(base, start + 4))
      if payloadLength == 0 { payloadLength = end - start - 40 }
      let packetEnd = start + 40 + payloadLength
      let capturedEnd = min(end, packetEnd)
      guard let ports = self.ports(base, transport, min(start + 40, capturedEnd), capturedEnd, payloadLength)
      else { return nil }
      let lowXor = Wire.be64(base, start + 16) ^ Wire.be64(base, start + 32)
      let highXor = Wire.be64(base, start + 8) ^ Wire.be64(base, start + 24)
      return hash(lowXor: lowXor, highXor: highXor, portXor: ports, transport: transport)
    default:
      return nil
    }
  }

  /// The XOR of the ports of a TCP or UDP header the decoder would accept (PacketDecoder.transport), else `nil`.
  @inline(__always) private static func ports(
    _ base: UnsafeRawPointer, _ transport: UInt8, _ start: Int, _ end: Int, _ wireLength: Int
  ) -> UInt16? {
    switch transport {
    case 6:
      guard end - start >= 20 else { return nil }
      let headerLength = Int(Wire.u8(base, start + 12) >> 4) * 4
      guard headerLength >= 20, headerLength <= wireLength else { return nil }
    case 17:
      guard end - start >= 8 else { return nil }
    default:
      return nil
    }
    return Wire.be16(base, start) ^ Wire.be16(base, start + 2)
  }
}
