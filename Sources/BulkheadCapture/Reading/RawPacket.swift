/// One packet record as a reader found it: a zero-copy slice of the capture plus its record metadata.
struct RawPacket {
  /// The captured bytes (may be shorter than `wireLength`), valid while the capture is mapped.
  var bytes: UnsafeRawBufferPointer
  /// The original length on the wire (what tshark counts as frame bytes).
  var wireLength: Int
  /// Nanoseconds since the epoch.
  var timestamp: Int64
  /// The link type (LINKTYPE_* number) of the packet's interface.
  var linkType: UInt32
  /// The interface index (always 0 for classic pcap).
  var interfaceID: Int
  /// 1-based packet number in the file (tshark's frame number).
  var number: Int
  /// Byte offset of the record (pcap record header or pcapng block) in the file.
  var fileOffset: Int
}
