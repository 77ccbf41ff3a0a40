import BulkheadModel

/// Walks the records of a classic libpcap file (tcpdump.org "pcap-savefile" format, either byte order, µs or ns).
struct PcapReader {
  /// Record lengths above this are lies (libpcap's own maximum snapshot length is 262144).
  static let maximumRecordLength = 262_144 * 4

  let data: UnsafeRawBufferPointer
  let name: String
  let bigEndian: Bool
  let nanosecond: Bool
  let linkType: UInt32
  let snaplen: UInt32
  private(set) var offset = 24
  private(set) var number = 0
  /// Problems found so far.
  var diagnostics: [Diagnostic] = []
  /// The file ended inside a record.
  private(set) var truncated = false
  /// Bytes skipped while resynchronising after a bad record header.
  private(set) var skippedBytes = 0
  private var lastSeconds: UInt32 = 0

  /// Reads the 24-byte file header; returns nil (with a diagnostic in `problem`) if it is cut short.
  init?(data: UnsafeRawBufferPointer, name: String, swapped: Bool, nanosecond: Bool, problem: inout Diagnostic?) {
    self.data = data
    self.name = name
    self.nanosecond = nanosecond
    // `swapped` means the magic read little-endian came out reversed: the file is big-endian.
    bigEndian = swapped
    guard data.count >= 24, let base = data.baseAddress else {
      problem = Diagnostic(
        .error, .truncated, "byte offset 0: pcap file header cut short (\(data.count) of 24 bytes)",
        at: SourceLocation(file: name))
      return nil
    }
    snaplen = Wire.u32(base, 16, bigEndian: swapped)
    // The link type is the low 16 bits; the upper bits carry FCS information (pcap-savefile LinkType field).
    linkType = Wire.u32(base, 20, bigEndian: swapped) & 0xffff
  }

  /// The next packet, or nil at the end of the file (or where it can no longer be read).
  ///
  /// The common record (a whole header, a plausible length, the bytes all there) is read inline, in the caller's
  /// loop; the end of the file and every damaged record take ``nextCarefully()``, which reports them.
  @inline(__always) mutating func next() -> RawPacket? {
    if let base = data.baseAddress, data.count &- offset >= 16 {
      let captured = Int(Wire.u32(base, offset &+ 8, bigEndian: bigEndian))
      if captured <= PcapReader.maximumRecordLength && captured <= data.count &- offset &- 16 {
        let seconds = Wire.u32(base, offset, bigEndian: bigEndian)
        let fraction = Wire.u32(base, offset &+ 4, bigEndian: bigEndian)
        let original = Int(Wire.u32(base, offset &+ 12, bigEndian: bigEndian))
        number &+= 1
        lastSeconds = seconds
        let record = offset
        offset = record &+ 16 &+ captured
        let nanos = nanosecond ? Int64(fraction) : Int64(fraction) &* 1000
        return RawPacket(
          bytes: UnsafeRawBufferPointer(start: base + (record &+ 16), count: captured),
          wireLength: max(original, captured), timestamp: Int64(seconds) &* 1_000_000_000 &+ nanos,
          linkType: linkType, interfaceID: 0, number: number, fileOffset: record)
      }
    }
    return nextCarefully()
  }

  /// ``next()`` for everything but the common record: the end of the file, a cut or implausible record header.
  @inline(never) mutating func nextCarefully() -> RawPacket? {
    guard let base = data.baseAddress else { return nil }
    let end = data.count
    while true {
      if offset >= end { return nil }
      if end - offset < 16 {
        truncated = true
        diagnostics.append(
          Diagnostic(
            .error, .truncated,
            "packet \(number + 1) at byte offset \(offset): record header cut short (\(end - offset) of 16 bytes); "
              + "file truncated", at: SourceLocation(file: name)))
        offset = end
        return nil
      }
      let seconds = Wire.u32(base, offset, bigEndian: bigEndian)
      let fraction = Wire.u32(base, offset + 4, bigEndian: bigEndian)
      let captured = Int(Wire.u32(base, offset + 8, bigEndian: bigEndian))
      let original = Int(Wire.u32(base, offset + 12, bigEndian: bigEndian))
      if captured > PcapReader.maximumRecordLength {
        let at = offset
        diagnostics.append(
          Diagnostic(
            .error, .badRecord,
            "packet \(number + 1) at byte offset \(at): record claims \(captured) captured bytes, more than any "
              + "snapshot length; looking for the next plausible record", at: SourceLocation(file: name)))
        if !resynchronise(from: at + 1) { return nil }
        continue
      }
      if captured > end - offset - 16 {
        truncated = true
        diagnostics.append(
          Diagnostic(
            .error, .truncated,
            "packet \(number + 1) at byte offset \(offset): record needs \(captured) bytes but only "
              + "\(end - offset - 16) remain; file truncated", at: SourceLocation(file: name)))
        offset = end
        return nil
      }
      number += 1
      lastSeconds = seconds
      let start = offset + 16
      offset = start + captured
      let nanos = nanosecond ? Int64(fraction) : Int64(fraction) &* 1000
      return RawPacket(
        bytes: UnsafeRawBufferPointer(start: base + start, count: captured),
        wireLength: max(original, captured), timestamp: Int64(seconds) &* 1_000_000_000 &+ nanos,
        linkType: linkType, interfaceID: 0, number: number, fileOffset: start - 16)
    }
  }

  /// Scans forward for a record header that looks right (plausible lengths, time within a day of the last record,
  /// and followed by another plausible header or the end of the file).
  private mutating func resynchronise(from start: Int) -> Bool {
    guard let base = data.baseAddress else { return false }
    let end = data.count
    var candidate = start
    while candidate + 16 <= end {
      if plausibleHeader(base, candidate, end) {
        let next = candidate + 16 + Int(Wire.u32(base, candidate + 8, bigEndian: bigEndian))
        if next == end || plausibleHeader(base, next, end) {
          skippedBytes += candidate - offset
          diagnostics.append(
            Diagnostic(
              .warning, .resynchronised,
              "byte offset \(candidate): resynchronised after skipping \(candidate - offset) bytes",
              at: SourceLocation(file: name)))
          offset = candidate
          return true
        }
      }
      candidate += 1
    }
    skippedBytes += end - offset
    diagnostics.append(
      Diagnostic(
        .error, .resynchronised,
        "byte offset \(offset): no plausible record found in the remaining \(end - offset) bytes",
        at: SourceLocation(file: name)))
    offset = end
    return false
  }

  private func plausibleHeader(_ base: UnsafeRawPointer, _ at: Int, _ end: Int) -> Bool {
    guard at + 16 <= end else { return false }
    let seconds = Wire.u32(base, at, bigEndian: bigEndian)
    let fraction = Wire.u32(base, at + 4, bigEndian: bigEndian)
    let captured = Int(Wire.u32(base, at + 8, bigEndian: bigEndian))
    let original = Int(Wire.u32(base, at + 12, bigEndian: bigEndian))
    let secondsApart = seconds > lastSeconds ? seconds - lastSeconds : lastSeconds - seconds
    return fraction < (nanosecond ? 1_000_000_000 : 1_000_000) && captured <= original && captured > 0
      && captured <= PcapReader.maximumRecordLength && at + 16 + captured <= end && secondsApart <= 86_400
  }
}

extension PcapReader: PacketReader {
  /// Classic pcap has one interface, 0.
  var linkTypeNames: [String] { ["0:\(linkType)"] }
}
