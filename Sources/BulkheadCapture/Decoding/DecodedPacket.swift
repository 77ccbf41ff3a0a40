/// The header fields of one packet that the flow table and asset view need, as plain values (no allocation).
struct DecodedPacket {
  /// Ethernet source and destination (valid when `hasMAC`).
  var sourceMAC: UInt64 = 0
  var destinationMAC: UInt64 = 0
  var hasMAC = false
  /// VLAN IDs, outer first (`outer << 12 | inner`), 0 when untagged.
  var vlan: UInt32 = 0
  /// 4 or 6.
  var family: UInt8 = 0
  var sourceHigh: UInt64 = 0
  var sourceLow: UInt64 = 0
  var destinationHigh: UInt64 = 0
  var destinationLow: UInt64 = 0
  /// IP protocol number of the transport.
  var transport: UInt8 = 0
  var sourcePort: UInt16 = 0
  var destinationPort: UInt16 = 0
  var tcpFlags: UInt8 = 0
  var sequence: UInt32 = 0
  var acknowledgement: UInt32 = 0
  /// The transport payload that was captured.
  var payload = UnsafeRawBufferPointer(start: nil, count: 0)
  /// The payload length on the wire (from the IP length fields); larger than `payload.count` when snaplen cut it.
  var payloadWireLength = 0
  /// IP fragment bookkeeping (IPv4 id, or IPv6 fragment header id).
  var isFragment = false
  var fragmentOffset = 0
  var moreFragments = false
  var fragmentID: UInt32 = 0
  /// The IP payload (for fragment reassembly), captured part.
  var ipPayload = UnsafeRawBufferPointer(start: nil, count: 0)
  var ipPayloadWireLength = 0
  /// Tunnels (GRE, IP-in-IP) already opened; bounded so nested garbage cannot recurse forever.
  var tunnelDepth = 0
  /// ARP sender/target (valid for `.arp` outcomes).
  var arpSenderMAC: UInt64 = 0
  var arpSenderIP: UInt32 = 0
  var arpTargetMAC: UInt64 = 0
  var arpTargetIP: UInt32 = 0
}
