import Testing

@testable import BulkheadModel

@Suite struct PrimitivesTests {
  @Test(arguments: [
    ("10.20.0.1", "10.20.0.1"),
    ("2001:db8::1", "2001:db8::1"),
    ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
    ("::", "::"),
    ("::1", "::1"),
    ("fe80::1%eth0", "fe80::1"),
    ("::ffff:192.0.2.1", "::ffff:c000:201"),
    ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
    ("1::", "1::"),
  ])
  func addressRoundTrip(text: String, canonical: String) throws {
    let address = try #require(IPAddress(text))
    #expect(address.description == canonical)
    #expect(IPAddress(canonical) == address)
  }

  @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1:::2", "1::2::3", "12345::", "g::1", ":1"])
  func malformedAddressesAreRejected(text: String) {
    #expect(IPAddress(text) == nil)
  }

  @Test func networks() throws {
    let net = try #require(IPNetwork("10.20.0.0/16"))
    #expect(net.contains(try #require(IPAddress("10.20.255.1"))))
    #expect(!net.contains(try #require(IPAddress("10.21.0.1"))))
    #expect(net.last.description == "10.20.255.255")
    #expect(!net.hadHostBits)
    let sloppy = try #require(IPNetwork("10.20.1.5/16"))
    #expect(sloppy.hadHostBits && sloppy == net)
    #expect(net.overlaps(try #require(IPNetwork("10.20.3.0/24"))))
    #expect(!net.overlaps(try #require(IPNetwork("2001:db8::/32"))))
    #expect(IPNetwork("10.0.0.0/33") == nil)
    #expect(IPNetwork("2001:db8::/64")?.last.description == "2001:db8::ffff:ffff:ffff:ffff")
    #expect(IPNetwork("0.0.0.0/0")?.contains(try #require(IPAddress("255.1.2.3"))) == true)
  }

  @Test func ports() {
    #expect(PortRange("502") == PortRange(502))
    #expect(PortRange("1024-65535")?.count == 64512)
    #expect(PortRange("1024:2048")?.upper == 2048)
    #expect(PortRange("70000") == nil)
    #expect(PortRange("20-10") == nil)
  }

  @Test func macs() throws {
    let mac = try #require(MACAddress("00:1B:1B:12:34:56"))
    #expect(mac.description == "00:1b:1b:12:34:56")
    #expect(mac.oui == 0x001b1b)
    #expect(MACAddress("001b.1b12.3456") == mac)
    #expect(MACAddress("00:1b:1b:12:34") == nil)
    #expect(MACAddress("0:1b:1b:12:34:567") == nil)
  }
}
