/// One packet record as a reader found it: a zero-copy slice of the capture plus its record metadata.
struct RawPacket {
  /// ``linkType`` of a packet whose interface the capture never described (pcapng): no LINKTYPE_* has this number.
  static let undescribedInterface: UInt32 = 0xffff_ffff

  /// The captured bytes (may be shorter than `wireLength`), valid while the capture is mapped.
  var bytes: UnsafeRawBufferPointer
  /// The original length on the wire (what tshark counts as frame bytes).
  var wireLength: Int
  /// Nanoseconds since the epoch.
  var timestamp: Int64
  /// The link type (LINKTYPE_* number) of the packet's interface, or ``undescribedInterface``.
  var linkType: UInt32
  /// The interface index (always 0 for classic pcap).
  var interfaceID: Int
  /// 1-based packet number in the file (tshark's frame number).
  var number: Int
  /// Byte offset of the record (pcap record header or pcapng block) in the file.
  var fileOffset: Int
}
