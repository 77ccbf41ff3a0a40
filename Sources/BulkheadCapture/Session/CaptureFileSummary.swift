/// What one capture file contained, as far as it could be read.
public struct CaptureFileSummary: Hashable, Sendable, Codable {
  /// The path as given.
  public var path: String
  /// The format recognised from the magic bytes: `pcap`, `pcap-ns`, `pcap-big-endian`, `pcapng`, or `unknown`.
  public var format: String
  /// Size of the file in bytes.
  public var sizeBytes: Int
  /// Packet records read.
  public var packets: Int
  /// Link types seen, as `interface:linktype` (pcap has one interface, 0).
  public var linkTypes: [String]
  /// The file ended inside a record or block (everything before it was still counted).
  public var truncated: Bool
  /// Bytes skipped while resynchronising after garbage.
  public var skippedBytes: Int

  /// Creates a summary.
  public init(
    path: String, format: String, sizeBytes: Int, packets: Int = 0, linkTypes: [String] = [], truncated: Bool = false,
    skippedBytes: Int = 0
  ) {
    self.path = path
    self.format = format
    self.sizeBytes = sizeBytes
    self.packets = packets
    self.linkTypes = linkTypes
    self.truncated = truncated
    self.skippedBytes = skippedBytes
  }
}
