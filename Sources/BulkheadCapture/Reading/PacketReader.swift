import BulkheadModel

/// What the session needs of a capture format's reader: packets in file order, then what the file was like. The
/// pcap and pcapng readers both conform, so one loop reads either (``CaptureSession``).
protocol PacketReader {
  /// The next packet, or nil at the end of the file (or where nothing more can be read).
  mutating func next() -> RawPacket?
  /// Packets read so far.
  var number: Int { get }
  /// Whether the file ended inside a record or block.
  var truncated: Bool { get }
  /// Bytes skipped to find the next plausible record.
  var skippedBytes: Int { get }
  /// Problems found so far, each naming packet or block number and byte offset.
  var diagnostics: [Diagnostic] { get }
  /// The link types by interface, `"<interface>:<LINKTYPE>"`.
  var linkTypeNames: [String] { get }
}
