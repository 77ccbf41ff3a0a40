/// Decodes link, network and transport headers of one packet into a ``DecodedPacket`` without allocating.
///
/// Every length is checked against the captured bytes before it is read; a packet cut short yields
/// `.notDecoded(.truncated)`, a header that contradicts itself `.notDecoded(.malformed)`.
enum PacketDecoder {
  /// Decodes `bytes` captured on a link of type `linkType` (LINKTYPE_* numbers, tcpdump.org link-layer header types).
  ///
  /// The most common frame on a plant SPAN port (Ethernet, at most one 802.1Q tag, an IPv4 header without options
  /// or fragmentation, TCP or UDP, all headers captured) is decoded inline in the caller; every other frame, and
  /// every frame that fails one of those checks, takes ``decodeAny(_:linkType:into:)``, which gives the same result
  /// for the common frame (a test compares the two on every corpus packet).
  @inline(__always)
  static func decode(_ bytes: UnsafeRawBufferPointer, linkType: UInt32, into d: inout DecodedPacket) -> DecodeOutcome {
    if linkType == 1, let base = bytes.baseAddress, decodeCommon(base, bytes.count, &d) { return .ip }
    return decodeAny(bytes, linkType: linkType, into: &d)
  }

  /// The common frame of ``decode(_:linkType:into:)``: checks everything first and writes `d` only when the frame
  /// qualifies, so a refusal leaves `d` as it was.
  @inline(__always)
  static func decodeCommon(_ base: UnsafeRawPointer, _ end: Int, _ d: inout DecodedPacket) -> Bool {
    // Ethernet II, then one optional 802.1Q tag.
    guard end >= 14 + 20 + 8 else { return false }
    var type = Wire.be16(base, 12)
    var ip = 14
    var vlan: UInt32 = 0
    if type == 0x8100 {
      vlan = UInt32(Wire.be16(base, 14) & 0x0fff)
      type = Wire.be16(base, 16)
      ip = 18
      guard end >= 18 + 20 + 8 else { return false }
    }
    // IPv4 with a 20-byte header (version 4, IHL 5), not a fragment (RFC 791 §3.1), with a true total length.
    guard type == 0x0800, Wire.u8(base, ip) == 0x45, Wire.be16(base, ip &+ 6) & 0x3fff == 0 else { return false }
    let totalLength = Int(Wire.be16(base, ip &+ 2))
    guard totalLength >= 20 else { return false }
    let transport = Wire.u8(base, ip &+ 9)
    let segment = ip &+ 20
    let capturedEnd = min(end, ip &+ totalLength)
    let wireLength = totalLength &- 20
    let available = capturedEnd &- segment
    switch transport {
    case 6:
      guard available >= 20 else { return false }
      let headerLength = Int(Wire.u8(base, segment &+ 12) >> 4) &* 4
      guard headerLength >= 20, headerLength <= wireLength else { return false }
      d.sequence = Wire.be32(base, segment &+ 4)
      d.acknowledgement = Wire.be32(base, segment &+ 8)
      d.tcpFlags = Wire.u8(base, segment &+ 13)
      let payload = min(segment &+ headerLength, capturedEnd)
      d.payload = UnsafeRawBufferPointer(start: base + payload, count: capturedEnd &- payload)
      d.payloadWireLength = wireLength &- headerLength
    case 17:
      guard available >= 8 else { return false }
      // The UDP length bounds the datagram when it is consistent with IP's; otherwise IP's length wins.
      let udpLength = Int(Wire.be16(base, segment &+ 4))
      let wire = udpLength >= 8 && udpLength <= wireLength ? udpLength &- 8 : max(0, wireLength &- 8)
      d.payload = UnsafeRawBufferPointer(start: base + (segment &+ 8), count: min(available &- 8, wire))
      d.payloadWireLength = wire
    default:
      return false
    }
    d.destinationMAC = Wire.mac(base, 0)
    d.sourceMAC = Wire.mac(base, 6)
    d.hasMAC = true
    d.vlan = vlan
    d.family = 4
    d.sourceLow = UInt64(Wire.be32(base, ip &+ 12))
    d.destinationLow = UInt64(Wire.be32(base, ip &+ 16))
    d.transport = transport
    d.sourcePort = Wire.be16(base, segment)
    d.destinationPort = Wire.be16(base, segment &+ 2)
    return true
  }

  /// Decodes any frame ``decode(_:linkType:into:)`` does, the long way.
  @inline(never)
  static func decodeAny(_ bytes: UnsafeRawBufferPointer, linkType: UInt32, into d: inout DecodedPacket)
    -> DecodeOutcome
  {
    guard let base = bytes.baseAddress else { return .notDecoded(.truncated) }
    let end = bytes.count
    switch linkType {
    case 1:
      return ethernet(base, 0, end, &d)
    case 101, 12, 14:
      return rawIP(base, 0, end, &d)
    case 228:
      return ipv4(base, 0, end, &d)
    case 229:
      return ipv6(base, 0, end, &d)
    case 0:
      return null(base, end, &d, networkOrder: false)
    case 108:
      return null(base, end, &d, networkOrder: true)
    case 113:
      // Linux cooked v1: 16-byte header, protocol in the last two bytes (LINKTYPE_LINUX_SLL).
      guard end >= 16 else { return .notDecoded(.truncated) }
      return network(Wire.be16(base, 14), base, 16, end, &d)
    case 276:
      // Linux cooked v2: 20-byte header, protocol first (LINKTYPE_LINUX_SLL2).
      guard end >= 20 else { return .notDecoded(.truncated) }
      return network(Wire.be16(base, 0), base, 20, end, &d)
    case 239:
      return nflog(base, end, &d)
    case 9, 50:
      return ppp(base, 0, end, &d)
    default:
      return .notDecoded(.unknownLinkType)
    }
  }

  /// Whether the decoder understands a link type.
  static func supports(linkType: UInt32) -> Bool {
    [1, 101, 12, 14, 228, 229, 0, 108, 113, 276, 239, 9, 50].contains(linkType)
  }

  static func ethernet(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    guard end - start >= 14 else { return .notDecoded(.truncated) }
    d.destinationMAC = Wire.mac(base, start)
    d.sourceMAC = Wire.mac(base, start + 6)
    d.hasMAC = true
    var type = Wire.be16(base, start + 12)
    var offset = start + 14
    // IEEE 802.1Q tags, stacked for Q-in-Q (802.1ad S-tag 0x88a8, and the pre-standard 0x9100).
    while type == 0x8100 || type == 0x88a8 || type == 0x9100 {
      guard end - offset >= 4 else { return .notDecoded(.truncated) }
      d.vlan = d.vlan << 12 | UInt32(Wire.be16(base, offset) & 0x0fff)
      type = Wire.be16(base, offset + 2)
      offset += 4
    }
    return network(type, base, offset, end, &d)
  }

  static func network(
    _ type: UInt16, _ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket
  ) -> DecodeOutcome {
    switch type {
    case 0x0800: return ipv4(base, start, end, &d)
    case 0x86dd: return ipv6(base, start, end, &d)
    case 0x0806: return arp(base, start, end, &d)
    case 0x8100, 0x88a8, 0x9100:
      return cookedVLAN(base, start, end, &d)
    case 0x8864:
      // PPPoE session (RFC 2516 §4): 6-byte header, then a PPP protocol field.
      guard end - start >= 8 else { return .notDecoded(.truncated) }
      return pppProtocol(Wire.be16(base, start + 6), base, start + 8, end, &d)
    case 0x8847, 0x8848:
      // MPLS (RFC 3032): labels until the bottom-of-stack bit, then IP told apart by its version nibble.
      var offset = start
      while true {
        guard end - offset >= 4 else { return .notDecoded(.truncated) }
        let entry = Wire.be32(base, offset)
        offset += 4
        if entry & 0x100 != 0 { break }
      }
      return rawIP(base, offset, end, &d)
    default:
      return .notDecoded(.nonIP)
    }
  }

  /// A VLAN tag after a cooked (SLL) header.
  @inline(never)
  static func cookedVLAN(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome
  {
    guard end - start >= 4, d.tunnelDepth < 8 else { return .notDecoded(.truncated) }
    d.tunnelDepth += 1
    d.vlan = d.vlan << 12 | UInt32(Wire.be16(base, start) & 0x0fff)
    return network(Wire.be16(base, start + 2), base, start + 4, end, &d)
  }

  static func rawIP(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    guard end > start else { return .notDecoded(.truncated) }
    switch Wire.u8(base, start) >> 4 {
    case 4: return ipv4(base, start, end, &d)
    case 6: return ipv6(base, start, end, &d)
    default: return .notDecoded(.malformed)
    }
  }

  /// BSD loopback (LINKTYPE_NULL): a 4-byte address family in the capturing host's byte order; LINKTYPE_LOOP
  /// (OpenBSD) uses network order.
  static func null(_ base: UnsafeRawPointer, _ end: Int, _ d: inout DecodedPacket, networkOrder: Bool) -> DecodeOutcome
  {
    guard end >= 4 else { return .notDecoded(.truncated) }
    var family = networkOrder ? Wire.be32(base, 0) : Wire.le32(base, 0)
    // A big-endian writer leaves the value in the top bytes when read little-endian.
    if family & 0xffff_0000 != 0 && family & 0x0000_ffff == 0 { family = family.byteSwapped }
    switch family {
    case 2: return ipv4(base, 4, end, &d)
    // AF_INET6 differs per BSD: 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS); 10 is Linux.
    case 24, 28, 30, 10: return ipv6(base, 4, end, &d)
    default: return .notDecoded(.nonIP)
    }
  }

  /// PPP with optional HDLC address/control bytes (RFC 1661/1662).
  static func ppp(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    var offset = start
    guard end - offset >= 2 else { return .notDecoded(.truncated) }
    if Wire.u8(base, offset) == 0xff && Wire.u8(base, offset + 1) == 0x03 { offset += 2 }
    guard end - offset >= 1 else { return .notDecoded(.truncated) }
    // A protocol field with an odd first byte was compressed to one byte (RFC 1661 §6.5).
    if Wire.u8(base, offset) & 1 == 1 {
      return pppProtocol(UInt16(Wire.u8(base, offset)), base, offset + 1, end, &d)
    }
    guard end - offset >= 2 else { return .notDecoded(.truncated) }
    return pppProtocol(Wire.be16(base, offset), base, offset + 2, end, &d)
  }

  static func pppProtocol(
    _ proto: UInt16, _ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket
  ) -> DecodeOutcome {
    switch proto {
    case 0x0021: return ipv4(base, start, end, &d)
    case 0x0057: return ipv6(base, start, end, &d)
    default: return .notDecoded(.nonIP)
    }
  }

  /// Linux NFLOG (LINKTYPE_NFLOG): a 4-byte header then TLVs in host byte order; type 9 holds the packet.
  static func nflog(_ base: UnsafeRawPointer, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    guard end >= 4 else { return .notDecoded(.truncated) }
    let family = Wire.u8(base, 0)
    var offset = 4
    while end - offset >= 4 {
      var length = Int(Wire.le16(base, offset))
      var type = Wire.le16(base, offset + 2)
      // The TLVs are in the capturing host's order; a big-endian host shows up as an impossible little-endian length.
      if length < 4 || length > end - offset {
        length = Int(Wire.be16(base, offset))
        type = Wire.be16(base, offset + 2)
      }
      guard length >= 4 else { return .notDecoded(.malformed) }
      if type & 0x7fff == 9 {
        let payloadEnd = min(end, offset + length)
        switch family {
        case 2: return ipv4(base, offset + 4, payloadEnd, &d)
        case 10: return ipv6(base, offset + 4, payloadEnd, &d)
        default: return rawIP(base, offset + 4, payloadEnd, &d)
        }
      }
      offset += (length + 3) & ~3
    }
    return .notDecoded(.nonIP)
  }

  static func arp(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    // RFC 826 for Ethernet/IPv4: 28 bytes.
    guard end - start >= 28 else { return .notDecoded(.truncated) }
    guard Wire.be16(base, start) == 1, Wire.be16(base, start + 2) == 0x0800, Wire.u8(base, start + 4) == 6,
      Wire.u8(base, start + 5) == 4
    else { return .notDecoded(.nonIP) }
    d.arpSenderMAC = Wire.mac(base, start + 8)
    d.arpSenderIP = Wire.be32(base, start + 14)
    d.arpTargetMAC = Wire.mac(base, start + 18)
    d.arpTargetIP = Wire.be32(base, start + 24)
    return .arp
  }

  static func ipv4(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    guard end - start >= 20 else { return .notDecoded(.truncated) }
    let first = Wire.u8(base, start)
    let headerLength = Int(first & 0x0f) * 4
    guard first >> 4 == 4, headerLength >= 20 else { return .notDecoded(.malformed) }
    guard end - start >= headerLength else { return .notDecoded(.truncated) }
    var totalLength = Int(Wire.be16(base, start + 2))
    // A zero total length comes from TCP segmentation offload captures: trust the captured length.
    if totalLength == 0 { totalLength = end - start }
    guard totalLength >= headerLength else { return .notDecoded(.malformed) }
    d.family = 4
    d.sourceLow = UInt64(Wire.be32(base, start + 12))
    d.destinationLow = UInt64(Wire.be32(base, start + 16))
    d.transport = Wire.u8(base, start + 9)
    let payloadStart = start + headerLength
    let capturedEnd = min(end, start + totalLength)
    let payloadWire = totalLength - headerLength
    let fragmentField = Wire.be16(base, start + 6)
    if fragmentField & 0x3fff != 0 {
      // RFC 791: MF flag 0x2000, offset in 8-byte units.
      d.isFragment = true
      d.moreFragments = fragmentField & 0x2000 != 0
      d.fragmentOffset = Int(fragmentField & 0x1fff) * 8
      d.fragmentID = UInt32(Wire.be16(base, start + 4))
      d.ipPayload = UnsafeRawBufferPointer(start: base + payloadStart, count: capturedEnd - payloadStart)
      d.ipPayloadWireLength = payloadWire
      return .fragment
    }
    return transport(base, payloadStart, capturedEnd, payloadWire, &d)
  }

  static func ipv6(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    guard end - start >= 40 else { return .notDecoded(.truncated) }
    guard Wire.u8(base, start) >> 4 == 6 else { return .notDecoded(.malformed) }
    var payloadLength = Int(Wire.be16(base, start + 4))
    // Jumbograms (RFC 2675) carry 0 here; use what was captured.
    if payloadLength == 0 { payloadLength = end - start - 40 }
    d.family = 6
    d.sourceHigh = Wire.be64(base, start + 8)
    d.sourceLow = Wire.be64(base, start + 16)
    d.destinationHigh = Wire.be64(base, start + 24)
    d.destinationLow = Wire.be64(base, start + 32)
    var next = Wire.u8(base, start + 6)
    var offset = start + 40
    let packetEnd = start + 40 + payloadLength
    let capturedEnd = min(end, packetEnd)
    // RFC 8200 §4: walk the extension headers to the upper-layer header.
    while true {
      switch next {
      case 0, 43, 60, 135, 139, 140:
        guard capturedEnd - offset >= 8 else { return .notDecoded(.truncated) }
        let length = (Int(Wire.u8(base, offset + 1)) + 1) * 8
        next = Wire.u8(base, offset)
        offset += length
      case 51:
        // Authentication Header: length in 4-byte units minus 2 (RFC 4302 §2.2).
        guard capturedEnd - offset >= 8 else { return .notDecoded(.truncated) }
        let length = (Int(Wire.u8(base, offset + 1)) + 2) * 4
        next = Wire.u8(base, offset)
        offset += length
      case 44:
        guard capturedEnd - offset >= 8 else { return .notDecoded(.truncated) }
        let field = Wire.be16(base, offset + 2)
        let fragmentOffset = Int(field & 0xfff8)
        let more = field & 1 != 0
        next = Wire.u8(base, offset)
        offset += 8
        // An atomic fragment (offset 0, no more) is a whole datagram (RFC 6946).
        if fragmentOffset != 0 || more {
          guard offset <= packetEnd else { return .notDecoded(.malformed) }
          d.transport = next
          d.isFragment = true
          d.moreFragments = more
          d.fragmentOffset = fragmentOffset
          d.fragmentID = Wire.be32(base, offset - 4)
          d.ipPayload = UnsafeRawBufferPointer(start: base + offset, count: max(0, capturedEnd - offset))
          d.ipPayloadWireLength = packetEnd - offset
          return .fragment
        }
      default:
        guard offset <= packetEnd else { return .notDecoded(.malformed) }
        d.transport = next
        return transport(base, min(offset, capturedEnd), capturedEnd, packetEnd - offset, &d)
      }
    }
  }

  @inline(never)
  static func ipInIP(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    d.tunnelDepth += 1
    return d.transport == 4 ? ipv4(base, start, end, &d) : ipv6(base, start, end, &d)
  }

  /// GRE (RFC 2784/2890): optional checksum, key and sequence words, then the inner protocol; ERSPAN type II/III
  /// headers in front of mirrored Ethernet frames are skipped.
  @inline(never)
  static func gre(_ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ d: inout DecodedPacket) -> DecodeOutcome {
    guard end - start >= 4 else { return .notDecoded(.truncated) }
    let flags = Wire.be16(base, start)
    guard flags & 0x7 == 0 else { return .notDecoded(.unsupportedEncapsulation) }
    let proto = Wire.be16(base, start + 2)
    var offset = start + 4
    if flags & 0x8000 != 0 { offset += 4 }
    if flags & 0x2000 != 0 { offset += 4 }
    if flags & 0x1000 != 0 { offset += 4 }
    guard offset <= end else { return .notDecoded(.truncated) }
    switch proto {
    case 0x0800: return ipv4(base, offset, end, &d)
    case 0x86dd: return ipv6(base, offset, end, &d)
    case 0x6558: return ethernet(base, offset, end, &d)
    case 0x88be:
      // ERSPAN type II: an 8-byte header before the mirrored frame.
      return ethernet(base, offset + 8, end, &d)
    case 0x22eb:
      // ERSPAN type III: 12 bytes, plus an 8-byte platform subheader when the O bit is set.
      guard end - offset >= 12 else { return .notDecoded(.truncated) }
      let extra = Wire.u8(base, offset + 11) & 0x01 != 0 ? 8 : 0
      return ethernet(base, offset + 12 + extra, end, &d)
    default:
      return .notDecoded(.unsupportedEncapsulation)
    }
  }

  /// Decodes the transport header at `start`; `wireLength` is the IP payload length from the IP header.
  static func transport(
    _ base: UnsafeRawPointer, _ start: Int, _ end: Int, _ wireLength: Int, _ d: inout DecodedPacket
  ) -> DecodeOutcome {
    switch d.transport {
    case 6:
      guard end - start >= 20 else { return .notDecoded(.truncated) }
      d.sourcePort = Wire.be16(base, start)
      d.destinationPort = Wire.be16(base, start + 2)
      d.sequence = Wire.be32(base, start + 4)
      d.acknowledgement = Wire.be32(base, start + 8)
      let headerLength = Int(Wire.u8(base, start + 12) >> 4) * 4
      d.tcpFlags = Wire.u8(base, start + 13)
      guard headerLength >= 20, headerLength <= wireLength else { return .notDecoded(.malformed) }
      let payloadStart = min(start + headerLength, end)
      d.payload = UnsafeRawBufferPointer(start: base + payloadStart, count: end - payloadStart)
      d.payloadWireLength = wireLength - headerLength
    case 17:
      guard end - start >= 8 else { return .notDecoded(.truncated) }
      d.sourcePort = Wire.be16(base, start)
      d.destinationPort = Wire.be16(base, start + 2)
      // The UDP length bounds the datagram when it is consistent with IP's; otherwise IP's length wins.
      let udpLength = Int(Wire.be16(base, start + 4))
      let wire = udpLength >= 8 && udpLength <= wireLength ? udpLength - 8 : max(0, wireLength - 8)
      let available = min(end - start - 8, wire)
      d.payload = UnsafeRawBufferPointer(start: base + start + 8, count: available)
      d.payloadWireLength = wire
    case 47 where d.tunnelDepth < 4:
      d.tunnelDepth += 1
      return gre(base, start, end, &d)
    case 4 where d.tunnelDepth < 4, 41 where d.tunnelDepth < 4:
      // IP-in-IP (RFC 2003, RFC 2473): the inner datagram is the flow, as tshark counts it.
      return ipInIP(base, start, end, &d)
    default:
      // ICMP, ICMPv6 and other protocols: a flow per address pair and protocol, without ports.
      d.payload = UnsafeRawBufferPointer(start: base + start, count: max(0, end - start))
      d.payloadWireLength = max(0, wireLength)
    }
    return .ip
  }
}
