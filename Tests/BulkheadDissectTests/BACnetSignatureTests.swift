import BulkheadCapture
import Testing

@testable import BulkheadDissect

/// The BACnet/IP signature on the first datagram of a UDP flow: a DNS query whose id begins 0x81 was named bacnet
/// (seen on a plant-sized capture, where one DNS flow in ten thousand has such an id).
@Suite struct BACnetSignatureTests {
  static func matches(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { BACnetDissector.matches($0, transport: .udp) }
  }

  @Test func aDNSQueryWithAnIdLikeABVLCHeaderIsNotBACnet() {
    // Standard query 0x810c A files.corp.local: id 81 0c, flags 01 00, one question.
    let query: [UInt8] =
      [0x81, 0x0C, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
      + [5] + Array("files".utf8) + [4] + Array("corp".utf8) + [5] + Array("local".utf8) + [0, 0x00, 0x01, 0x00, 0x01]
    #expect(!Self.matches(query))
  }

  @Test func bvlcMessagesStillMatchWithAShortOrExactLength() {
    // BVLC-Result (function 0x00), length 6, result code 0.
    #expect(Self.matches([0x81, 0x00, 0x00, 0x06, 0x00, 0x00]))
    // Original-Unicast-NPDU carrying NPDU version 1 (a Who-Is), exact length.
    #expect(Self.matches([0x81, 0x0A, 0x00, 0x0C, 0x01, 0x20, 0xFF, 0xFF, 0x00, 0xFF, 0x10, 0x08]))
    // A device that writes a length shorter than the datagram is still BACnet (a violation, not another protocol).
    #expect(Self.matches([0x81, 0x0A, 0x00, 0x08, 0x01, 0x20, 0xFF, 0xFF, 0x00, 0xFF, 0x10, 0x08]))
    // A length below the header itself is not.
    #expect(!Self.matches([0x81, 0x00, 0x00, 0x02, 0x00, 0x00]))
  }
}
