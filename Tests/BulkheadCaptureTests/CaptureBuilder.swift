/// Writes small pcap and pcapng captures in memory, so tests can state exactly which bytes they feed the readers.
struct CaptureBuilder {
  var bytes: [UInt8] = []
  var bigEndian = false

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u16(_ v: UInt16) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { bytes.append(contentsOf: $0) }
  }
  mutating func u32(_ v: UInt32) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { bytes.append(contentsOf: $0) }
  }
  mutating func u64(_ v: UInt64) {
    let x = bigEndian ? v.bigEndian : v.littleEndian
    withUnsafeBytes(of: x) { bytes.append(contentsOf: $0) }
  }
  mutating func pad4() { while bytes.count % 4 != 0 { bytes.append(0) } }

  // MARK: classic pcap

  static func pcap(linkType: UInt32, bigEndian: Bool = false, nanosecond: Bool = false, snaplen: UInt32 = 65535)
    -> CaptureBuilder
  {
    var b = CaptureBuilder(bigEndian: bigEndian)
    b.u32(nanosecond ? 0xa1b2_3c4d : 0xa1b2_c3d4)
    b.u16(2)
    b.u16(4)
    b.u32(0)
    b.u32(0)
    b.u32(snaplen)
    b.u32(linkType)
    return b
  }

  mutating func record(seconds: UInt32, fraction: UInt32, _ frame: [UInt8], wireLength: Int? = nil) {
    u32(seconds)
    u32(fraction)
    u32(UInt32(frame.count))
    u32(UInt32(wireLength ?? frame.count))
    bytes += frame
  }

  // MARK: pcapng

  mutating func block(_ type: UInt32, _ body: (inout CaptureBuilder) -> Void) {
    var inner = CaptureBuilder(bigEndian: bigEndian)
    body(&inner)
    inner.pad4()
    let length = UInt32(inner.bytes.count + 12)
    u32(type)
    u32(length)
    bytes += inner.bytes
    u32(length)
  }

  mutating func sectionHeader() {
    block(0x0a0d_0d0a) { b in
      b.u32(0x1a2b_3c4d)
      b.u16(1)
      b.u16(0)
      b.u64(UInt64.max)
    }
  }

  mutating func interface(linkType: UInt16, resolution: UInt8? = nil, snaplen: UInt32 = 0) {
    block(1) { b in
      b.u16(linkType)
      b.u16(0)
      b.u32(snaplen)
      if let resolution {
        b.u16(9)
        b.u16(1)
        b.u8(resolution)
        b.pad4()
        b.u16(0)
        b.u16(0)
      }
    }
  }

  mutating func enhancedPacket(interface: UInt32, units: UInt64, _ frame: [UInt8], wireLength: Int? = nil) {
    block(6) { b in
      b.u32(interface)
      b.u32(UInt32(units >> 32))
      b.u32(UInt32(truncatingIfNeeded: units))
      b.u32(UInt32(frame.count))
      b.u32(UInt32(wireLength ?? frame.count))
      b.bytes += frame
    }
  }

  mutating func simplePacket(_ frame: [UInt8]) {
    block(3) { b in
      b.u32(UInt32(frame.count))
      b.bytes += frame
    }
  }

  mutating func obsoletePacket(interface: UInt16, units: UInt64, _ frame: [UInt8]) {
    block(2) { b in
      b.u16(interface)
      b.u16(0)
      b.u32(UInt32(units >> 32))
      b.u32(UInt32(truncatingIfNeeded: units))
      b.u32(UInt32(frame.count))
      b.u32(UInt32(frame.count))
      b.bytes += frame
    }
  }

  // MARK: frames (always network byte order)

  static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }
  static func be32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
  }

  /// An IPv4 packet carrying TCP (flags, seq) or UDP with `payload`.
  static func ipv4(
    source: UInt32, destination: UInt32, sourcePort: UInt16, destinationPort: UInt16, tcpFlags: UInt8? = nil,
    sequence: UInt32 = 0, acknowledgement: UInt32 = 0, payload: [UInt8] = []
  ) -> [UInt8] {
    var transport: [UInt8]
    if let tcpFlags {
      transport = be16(sourcePort) + be16(destinationPort) + be32(sequence) + be32(acknowledgement)
      transport += [0x50, tcpFlags] + be16(65535) + [0, 0, 0, 0]
    } else {
      transport = be16(sourcePort) + be16(destinationPort) + be16(UInt16(8 + payload.count)) + [0, 0]
    }
    transport += payload
    let total = UInt16(20 + transport.count)
    var ip: [UInt8] = [0x45, 0] + be16(total) + [0, 1, 0x40, 0, 64, tcpFlags == nil ? 17 : 6, 0, 0]
    ip += be32(source) + be32(destination)
    return ip + transport
  }

  static func ethernet(
    _ ip: [UInt8], source: UInt64 = 0x0000_1b1b_0001, destination: UInt64 = 0x0000_1b1b_0002,
    vlans: [UInt16] = [], type: UInt16 = 0x0800
  ) -> [UInt8] {
    var frame: [UInt8] = []
    for shift in stride(from: 40, through: 0, by: -8) { frame.append(UInt8(destination >> UInt64(shift) & 0xff)) }
    for shift in stride(from: 40, through: 0, by: -8) { frame.append(UInt8(source >> UInt64(shift) & 0xff)) }
    for (i, vlan) in vlans.enumerated() { frame += be16(i == 0 && vlans.count > 1 ? 0x88a8 : 0x8100) + be16(vlan) }
    return frame + be16(type) + ip
  }
}
