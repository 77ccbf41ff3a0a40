import BulkheadCapture
import BulkheadModel
import Testing

/// Readers and link layers on captures written byte by byte, so every field is known.
@Suite struct SyntheticCaptureTests {
  static func run(_ bytes: [UInt8], options: CaptureOptions = CaptureOptions()) -> CaptureReport {
    let session = CaptureSession(options: options)
    bytes.withUnsafeBytes { session.read(bytes: $0, name: "synthetic") }
    return session.finish()
  }

  static let udp = CaptureBuilder.ipv4(
    source: 0x0a32_020a, destination: 0x0a32_0b0a, sourcePort: 40000, destinationPort: 502, payload: [1, 2, 3])

  @Test func mixedLinkPcapngWithSectionsAndResolutions() {
    var b = CaptureBuilder()
    b.sectionHeader()
    b.interface(linkType: 1, resolution: 9)  // Ethernet, ns
    b.interface(linkType: 113)  // Linux SLL, default µs
    b.interface(linkType: 0)  // BSD loopback
    b.block(0x0000_0999) { $0.u32(42) }  // unknown block: skipped
    b.enhancedPacket(interface: 0, units: 1_700_000_000_123_456_789, CaptureBuilder.ethernet(Self.udp))
    let sll: [UInt8] = [0, 0, 0, 1, 0, 6, 0, 0x1b, 0x1b, 1, 2, 3, 0, 0] + CaptureBuilder.be16(0x0800)
    b.enhancedPacket(interface: 1, units: 1_700_000_001_000_000, sll + Self.udp)
    // Family 2 written by a big-endian host.
    b.enhancedPacket(interface: 2, units: 1_700_000_002_000_000, [0, 0, 0, 2] + Self.udp)
    b.obsoletePacket(interface: 0, units: 1_700_000_003_000_000_000, CaptureBuilder.ethernet(Self.udp))
    // A second, big-endian section: raw IPv4 with 2^-10 s resolution, and a simple packet block.
    b.bigEndian = true
    b.sectionHeader()
    b.interface(linkType: 101, resolution: 0x8a)
    b.enhancedPacket(interface: 0, units: 1_700_000_004 << 10 | 512, Self.udp)
    b.simplePacket(Self.udp)
    let report = Self.run(b.bytes)
    #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    #expect(report.files.first?.linkTypes == ["0:1", "1:113", "2:0", "s1.0:101"])
    #expect(report.statistics.packetsRead == 6)
    #expect(report.statistics.packetsInFlows == 6)
    #expect(report.flows.count == 1)
    #expect(report.flows.first?.firstSeen.nanoseconds == 1_700_000_000_123_456_789)
    #expect(report.flows.first?.lastSeen.nanoseconds == 1_700_000_004_500_000_000)
    #expect(report.flows.first?.initiatorBasis == .firstPacket)
  }

  @Test func garbageBlockIsSkippedAndReadingResumes() {
    var b = CaptureBuilder()
    b.sectionHeader()
    b.interface(linkType: 1)
    b.enhancedPacket(interface: 0, units: 1, CaptureBuilder.ethernet(Self.udp))
    let garbageAt = b.bytes.count
    b.bytes += [6, 0, 0, 0, 0xff, 0xff, 0, 0] + [UInt8](repeating: 0xee, count: 24)
    b.enhancedPacket(interface: 0, units: 2, CaptureBuilder.ethernet(Self.udp))
    let report = Self.run(b.bytes)
    #expect(report.statistics.packetsRead == 2)
    #expect(report.diagnostics.map(\.code) == ["BH504", "BH505"])
    #expect(report.diagnostics.first?.message.contains("byte offset \(garbageAt)") == true)
    #expect(report.files.first?.skippedBytes == 32)
  }

  @Test func pcapLyingLengthResynchronises() {
    var b = CaptureBuilder.pcap(linkType: 1)
    let frame = CaptureBuilder.ethernet(Self.udp)
    b.record(seconds: 100, fraction: 0, frame)
    let badAt = b.bytes.count
    b.u32(100)
    b.u32(0)
    b.u32(0x7fff_0000)
    b.u32(0x7fff_0000)
    b.record(seconds: 101, fraction: 0, frame)
    b.record(seconds: 102, fraction: 0, frame)
    let report = Self.run(b.bytes)
    #expect(report.statistics.packetsRead == 3)
    #expect(report.diagnostics.first?.code == "BH504")
    #expect(report.diagnostics.first?.message.contains("packet 2 at byte offset \(badAt)") == true)
    #expect(report.files.first?.skippedBytes == 16)
  }

  @Test func nanosecondPcapAndSnaplenCut() {
    var b = CaptureBuilder.pcap(linkType: 1, nanosecond: true, snaplen: 44)
    let frame = CaptureBuilder.ethernet(Self.udp)
    b.record(seconds: 7, fraction: 123, Array(frame.prefix(44)), wireLength: frame.count)
    let report = Self.run(b.bytes)
    #expect(report.files.first?.format == "pcap-ns")
    #expect(report.flows.first?.firstSeen.nanoseconds == 7_000_000_123)
    #expect(report.flows.first?.bytesFromInitiator == UInt64(frame.count))
    #expect(report.statistics.snaplenCutPackets == 1)
  }

  @Test func unknownLinkTypeIsCountedPerInterface() {
    var b = CaptureBuilder()
    b.sectionHeader()
    b.interface(linkType: 147)
    b.enhancedPacket(interface: 0, units: 1, [1, 2, 3, 4])
    b.enhancedPacket(interface: 0, units: 2, [1, 2, 3, 4])
    b.enhancedPacket(interface: 5, units: 3, [1, 2, 3, 4])
    let report = Self.run(b.bytes)
    #expect(report.statistics.notDecoded == ["unknown-link-type": 2, "unknown-interface": 1])
    #expect(report.statistics.unknownLinkTypes["synthetic#0 linktype 147"] == 2)
    #expect(report.diagnostics.filter { $0.code == "BH507" }.count == 2)
  }

  @Test func notACapture() {
    let report = Self.run(Array("hello, world".utf8))
    #expect(report.files.first?.format == "unknown")
    #expect(report.diagnostics.first?.code == "BH501")
  }

  @Test func truncatedPcapngBlock() {
    var b = CaptureBuilder()
    b.sectionHeader()
    b.interface(linkType: 1)
    b.enhancedPacket(interface: 0, units: 1, CaptureBuilder.ethernet(Self.udp))
    let cutAt = b.bytes.count
    b.enhancedPacket(interface: 0, units: 2, CaptureBuilder.ethernet(Self.udp))
    let report = Self.run(Array(b.bytes.dropLast(10)))
    #expect(report.statistics.packetsRead == 1)
    #expect(report.files.first?.truncated == true)
    #expect(report.diagnostics.first?.message.contains("byte offset \(cutAt)") == true)
  }

  @Test func nflogRawIPv6AndIPv4Options() throws {
    // NFLOG (LINKTYPE 239): header, a prefix TLV, then the payload TLV (type 9), little-endian TLV fields.
    var nflog: [UInt8] = [2, 0, 0, 1]
    nflog += [8, 0, 10, 0] + Array("abcd".utf8)
    let payloadLength = UInt16(4 + Self.udp.count)
    nflog += [UInt8(payloadLength & 0xff), UInt8(payloadLength >> 8), 9, 0] + Self.udp
    while nflog.count % 4 != 0 { nflog.append(0) }
    // Raw IPv6 (LINKTYPE 229) with a hop-by-hop extension header before UDP.
    var v6: [UInt8] = [0x60, 0, 0, 0] + CaptureBuilder.be16(8 + 8 + 2) + [0, 64]
    v6 += [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1]
    v6 += [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [2]
    v6 += [17, 0, 1, 4, 0, 0, 0, 0]  // hop-by-hop: next UDP, PadN
    v6 += CaptureBuilder.be16(5353) + CaptureBuilder.be16(53) + CaptureBuilder.be16(10) + [0, 0, 0x61, 0x62]
    // IPv4 with 4 bytes of options (IHL 6).
    var options = Self.udp
    options[0] = 0x46
    options.insert(contentsOf: [1, 1, 1, 0], at: 20)
    let total = UInt16(options.count)
    options[2] = UInt8(total >> 8)
    options[3] = UInt8(total & 0xff)
    var b = CaptureBuilder()
    b.sectionHeader()
    b.interface(linkType: 239)
    b.interface(linkType: 229)
    b.interface(linkType: 228)
    b.enhancedPacket(interface: 0, units: 1, nflog)
    b.enhancedPacket(interface: 1, units: 2, v6)
    b.enhancedPacket(interface: 2, units: 3, options)
    let report = Self.run(b.bytes)
    #expect(report.statistics.packetsInFlows == 3, "\(report.statistics)")
    let v6Flow = try #require(report.flows.first { $0.initiator.family == .v6 })
    #expect(v6Flow.initiator == IPAddress("2001:db8::1") && v6Flow.responderPort == 53)
    #expect(v6Flow.payloadBytesFromInitiator == 2)
    #expect(report.flows.filter { $0.responderPort == 502 }.map(\.packets) == [2])
  }

  @Test func vlanIDsReadOuterFirst() {
    let frame = CaptureBuilder.ethernet(Self.udp, vlans: [13, 10])
    var b = CaptureBuilder.pcap(linkType: 1)
    b.record(seconds: 1, fraction: 0, frame)
    let report = Self.run(b.bytes)
    #expect(report.flows.first?.vlanIDs == [13, 10])
  }

  @Test func vlanKeyCanBeTurnedOffForOneSidedTags() {
    let request = CaptureBuilder.ethernet(Self.udp, vlans: [111])
    let reply = CaptureBuilder.ethernet(
      CaptureBuilder.ipv4(source: 0x0a32_0b0a, destination: 0x0a32_020a, sourcePort: 502, destinationPort: 40000))
    var b = CaptureBuilder.pcap(linkType: 1)
    b.record(seconds: 1, fraction: 0, request)
    b.record(seconds: 1, fraction: 5, reply)
    #expect(Self.run(b.bytes).flows.count == 2)
    var options = CaptureOptions()
    options.vlanInFlowKey = false
    let merged = Self.run(b.bytes, options: options)
    #expect(merged.flows.count == 1)
    #expect(merged.flows.first?.vlanIDs == [111])
    #expect(merged.flows.first?.packetsFromResponder == 1)
  }
}
