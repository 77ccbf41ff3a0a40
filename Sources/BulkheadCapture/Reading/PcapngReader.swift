import BulkheadModel

/// Walks the blocks of a pcapng file (IETF draft-ietf-opsawg-pcapng): sections in either byte order, interfaces with
/// their own link types and timestamp resolutions, EPB/SPB/obsolete PB packets; other blocks are skipped.
struct PcapngReader {
  static let sectionHeader: UInt32 = 0x0a0d_0d0a
  static let knownBlockTypes: Set<UInt32> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x0a0d_0d0a, 0x0000_0bad, 0x4000_0bad]

  let data: UnsafeRawBufferPointer
  let name: String
  private(set) var offset = 0
  private(set) var number = 0
  private(set) var blockNumber = 0
  private var bigEndian = false
  private(set) var interfaces: [PcapngInterface] = []
  /// `interface:linktype` for every interface of every section, in order.
  private(set) var linkTypeNames: [String] = []
  private var sectionIndex = -1
  private var lastTimestamp: Int64 = 0
  var diagnostics: [Diagnostic] = []
  private(set) var truncated = false
  private(set) var skippedBytes = 0

  init(data: UnsafeRawBufferPointer, name: String) {
    self.data = data
    self.name = name
  }

  /// The next packet, or nil at the end.
  ///
  /// The common block (an Enhanced Packet Block whose length the next block's header vouches for, on a described
  /// interface, holding its packet whole) is read inline, in the caller's loop; every other block, and every block
  /// that fails one of those checks, takes ``nextCarefully()``.
  @inline(__always) mutating func next() -> RawPacket? {
    if let base = data.baseAddress {
      let end = data.count
      let at = offset
      if end &- at >= 32 && Wire.u32(base, at, bigEndian: bigEndian) == 6 {
        let length = Int(Wire.u32(base, at &+ 4, bigEndian: bigEndian))
        let interfaceID = Int(Wire.u32(base, at &+ 8, bigEndian: bigEndian))
        let captured = Int(Wire.u32(base, at &+ 20, bigEndian: bigEndian))
        if length >= 32 && length & 3 == 0 && length <= end &- at && interfaceID < interfaces.count
          && captured <= length &- 32 && nextHeaderIsPlausible(base, at &+ length, end)
        {
          let units =
            UInt64(Wire.u32(base, at &+ 12, bigEndian: bigEndian)) << 32
            | UInt64(Wire.u32(base, at &+ 16, bigEndian: bigEndian))
          let wire = Int(Wire.u32(base, at &+ 24, bigEndian: bigEndian))
          blockNumber &+= 1
          number &+= 1
          offset = at &+ length
          let interface = interfaces[interfaceID]
          let timestamp = interface.nanoseconds(units: units)
          lastTimestamp = timestamp
          return RawPacket(
            bytes: UnsafeRawBufferPointer(start: base + (at &+ 28), count: captured), wireLength: max(wire, captured),
            timestamp: timestamp, linkType: interface.linkType, interfaceID: interfaceID, number: number,
            fileOffset: at)
        }
      }
    }
    return nextCarefully()
  }

  /// ``next()`` for every block but the common packet block: section headers, interfaces, other packet blocks,
  /// skipped blocks, the end of the file and damage.
  @inline(never) mutating func nextCarefully() -> RawPacket? {
    guard let base = data.baseAddress else { return nil }
    let end = data.count
    while offset < end {
      let at = offset
      if end - at < 12 {
        truncated = true
        report(
          .error, .truncated, "block \(blockNumber + 1) at byte offset \(at): block header cut short; file truncated")
        offset = end
        return nil
      }
      let type = Wire.u32(base, at, bigEndian: bigEndian)
      if type == PcapngReader.sectionHeader {
        guard end - at >= 28 else {
          truncated = true
          report(.error, .truncated, "block \(blockNumber + 1) at byte offset \(at): section header cut short")
          offset = end
          return nil
        }
        let magic = Wire.le32(base, at + 8)
        if magic == 0x1a2b_3c4d {
          bigEndian = false
        } else if magic == 0x4d3c_2b1a {
          bigEndian = true
        } else {
          report(
            .error, .badRecord,
            "block \(blockNumber + 1) at byte offset \(at): section header with bad byte-order magic")
          if !resynchronise(after: at) { return nil }
          continue
        }
      }
      let length = Int(Wire.u32(base, at + 4, bigEndian: bigEndian))
      // The trailing copy of the length lies at the far end of the block, a cache line (often a page) the decoder
      // never needs; read it only when the next block's header does not already vouch for this block's length.
      guard length >= 12, length % 4 == 0, length <= end - at,
        nextHeaderIsPlausible(base, at + length, end)
          || Int(Wire.u32(base, at + length - 4, bigEndian: bigEndian)) == length
      else {
        if length > end - at && length % 4 == 0 && length >= 12 && !hasValidBlock(after: at) {
          truncated = true
          report(
            .error, .truncated,
            "block \(blockNumber + 1) at byte offset \(at): block of \(length) bytes but only \(end - at) remain; "
              + "file truncated")
          offset = end
          return nil
        }
        report(
          .error, .badRecord,
          "block \(blockNumber + 1) at byte offset \(at): inconsistent block length \(length) (type 0x"
            + String(type, radix: 16) + ")")
        if !resynchronise(after: at) { return nil }
        continue
      }
      blockNumber += 1
      offset = at + length
      switch type {
      case PcapngReader.sectionHeader:
        sectionIndex += 1
        interfaces.removeAll(keepingCapacity: true)
      case 1:
        readInterface(base, at, length)
      case 6:
        if let packet = enhancedPacket(base, at, length) { return packet }
      case 3:
        if let packet = simplePacket(base, at, length) { return packet }
      case 2:
        if let packet = obsoletePacket(base, at, length) { return packet }
      default:
        // Name resolution, statistics, custom and unknown blocks carry no packets (pcapng §4: skip what you do
        // not understand).
        break
      }
    }
    return nil
  }

  private mutating func readInterface(_ base: UnsafeRawPointer, _ at: Int, _ length: Int) {
    guard length >= 20 else {
      report(.error, .badRecord, "block \(blockNumber) at byte offset \(at): interface description too short")
      interfaces.append(PcapngInterface(linkType: RawPacket.undescribedInterface, snaplen: 0))
      return
    }
    var interface = PcapngInterface(
      linkType: UInt32(Wire.u16(base, at + 8, bigEndian: bigEndian)),
      snaplen: Wire.u32(base, at + 12, bigEndian: bigEndian))
    var option = at + 16
    let optionsEnd = at + length - 4
    while option + 4 <= optionsEnd {
      let code = Wire.u16(base, option, bigEndian: bigEndian)
      let size = Int(Wire.u16(base, option + 2, bigEndian: bigEndian))
      if code == 0 { break }
      guard option + 4 + size <= optionsEnd else {
        report(
          .warning, .badRecord, "block \(blockNumber) at byte offset \(option): interface option overruns its block")
        break
      }
      if code == 9 && size == 1 {
        if !interface.setResolution(Wire.u8(base, option + 4)) {
          report(.warning, .badRecord, "block \(blockNumber) at byte offset \(option): unusable if_tsresol; using µs")
        }
      } else if code == 14 && size == 8 {
        let raw =
          bigEndian
          ? Wire.be64(base, option + 4)
          : UInt64(littleEndian: base.loadUnaligned(fromByteOffset: option + 4, as: UInt64.self))
        interface.offsetSeconds = Int64(bitPattern: raw)
      }
      option += 4 + (size + 3) & ~3
    }
    linkTypeNames.append("\(sectionIndex > 0 ? "s\(sectionIndex)." : "")\(interfaces.count):\(interface.linkType)")
    interfaces.append(interface)
  }

  private mutating func enhancedPacket(_ base: UnsafeRawPointer, _ at: Int, _ length: Int) -> RawPacket? {
    guard length >= 32 else {
      report(.error, .badRecord, "block \(blockNumber) at byte offset \(at): enhanced packet block too short")
      number += 1
      return packet(base, at, data: at + 28, captured: 0, wire: 0, interfaceID: -1, units: 0)
    }
    let interfaceID = Int(Wire.u32(base, at + 8, bigEndian: bigEndian))
    let units =
      UInt64(Wire.u32(base, at + 12, bigEndian: bigEndian)) << 32
      | UInt64(Wire.u32(base, at + 16, bigEndian: bigEndian))
    var captured = Int(Wire.u32(base, at + 20, bigEndian: bigEndian))
    let wire = Int(Wire.u32(base, at + 24, bigEndian: bigEndian))
    number += 1
    let room = length - 32
    if captured > room {
      report(
        .error, .badRecord,
        "packet \(number) (block \(blockNumber)) at byte offset \(at): captured length \(captured) exceeds the "
          + "block's \(room) bytes; using what the block holds")
      captured = room
    }
    return packet(base, at, data: at + 28, captured: captured, wire: wire, interfaceID: interfaceID, units: units)
  }

  private mutating func simplePacket(_ base: UnsafeRawPointer, _ at: Int, _ length: Int) -> RawPacket? {
    number += 1
    guard length >= 16 else {
      report(
        .error, .badRecord,
        "packet \(number) (block \(blockNumber)) at byte offset \(at): simple packet block too short")
      return packet(base, at, data: at + 12, captured: 0, wire: 0, interfaceID: -1, units: 0)
    }
    let wire = Int(Wire.u32(base, at + 8, bigEndian: bigEndian))
    var captured = min(wire, length - 16)
    // pcapng §4.4: the captured length is the smaller of the original length and the interface's snaplen.
    if let first = interfaces.first, first.snaplen > 0 { captured = min(captured, Int(first.snaplen)) }
    // An SPB has no timestamp; keep the previous packet's time so flows stay ordered.
    let previous = lastTimestamp
    var result = packet(base, at, data: at + 12, captured: captured, wire: wire, interfaceID: 0, units: 0)
    result?.timestamp = previous
    lastTimestamp = previous
    return result
  }

  private mutating func obsoletePacket(_ base: UnsafeRawPointer, _ at: Int, _ length: Int) -> RawPacket? {
    number += 1
    guard length >= 32 else {
      report(.error, .badRecord, "packet \(number) (block \(blockNumber)) at byte offset \(at): packet block too short")
      return packet(base, at, data: at + 28, captured: 0, wire: 0, interfaceID: -1, units: 0)
    }
    let interfaceID = Int(Wire.u16(base, at + 8, bigEndian: bigEndian))
    let units =
      UInt64(Wire.u32(base, at + 12, bigEndian: bigEndian)) << 32
      | UInt64(Wire.u32(base, at + 16, bigEndian: bigEndian))
    var captured = Int(Wire.u32(base, at + 20, bigEndian: bigEndian))
    let wire = Int(Wire.u32(base, at + 24, bigEndian: bigEndian))
    if captured > length - 32 {
      report(
        .error, .badRecord,
        "packet \(number) (block \(blockNumber)) at byte offset \(at): captured length exceeds block")
      captured = length - 32
    }
    return packet(base, at, data: at + 28, captured: captured, wire: wire, interfaceID: interfaceID, units: units)
  }

  @inline(__always) private mutating func packet(
    _ base: UnsafeRawPointer, _ at: Int, data start: Int, captured: Int, wire: Int, interfaceID: Int, units: UInt64
  ) -> RawPacket? {
    var linkType: UInt32 = RawPacket.undescribedInterface
    var timestamp = lastTimestamp
    if interfaceID >= 0 && interfaceID < interfaces.count {
      let interface = interfaces[interfaceID]
      linkType = interface.linkType
      timestamp = interface.nanoseconds(units: units)
      lastTimestamp = timestamp
    }
    return RawPacket(
      bytes: UnsafeRawBufferPointer(start: base + start, count: max(0, captured)), wireLength: max(wire, captured),
      timestamp: timestamp, linkType: linkType, interfaceID: interfaceID, number: number, fileOffset: at)
  }

  /// Whether `at` is the end of the file or starts a block of a common type with a sane length.
  @inline(__always) private func nextHeaderIsPlausible(_ base: UnsafeRawPointer, _ at: Int, _ end: Int) -> Bool {
    if at == end { return true }
    guard end - at >= 12 else { return false }
    let type = Wire.u32(base, at, bigEndian: bigEndian)
    let length = Int(Wire.u32(base, at + 4, bigEndian: bigEndian))
    return (type == 6 || type == 3 || type == 1 || type == 5) && length >= 12 && length % 4 == 0 && length <= end - at
  }

  /// Whether a well-formed block starts somewhere after `at` (tells a lying length from a truncated file).
  private func hasValidBlock(after at: Int) -> Bool {
    findBlock(after: at) != nil
  }

  private func findBlock(after at: Int) -> Int? {
    guard let base = data.baseAddress else { return nil }
    let end = data.count
    var candidate = at + 4
    while candidate + 12 <= end {
      if isValidBlock(base, candidate, end) { return candidate }
      candidate += 4
    }
    return nil
  }

  private func isValidBlock(_ base: UnsafeRawPointer, _ at: Int, _ end: Int) -> Bool {
    var order = bigEndian
    let rawType = Wire.le32(base, at)
    if rawType == PcapngReader.sectionHeader {
      guard at + 12 <= end else { return false }
      let magic = Wire.le32(base, at + 8)
      guard magic == 0x1a2b_3c4d || magic == 0x4d3c_2b1a else { return false }
      order = magic == 0x4d3c_2b1a
    } else if !PcapngReader.knownBlockTypes.contains(Wire.u32(base, at, bigEndian: order)) {
      return false
    }
    let length = Int(Wire.u32(base, at + 4, bigEndian: order))
    return length >= 12 && length % 4 == 0 && length <= end - at
      && Int(Wire.u32(base, at + length - 4, bigEndian: order)) == length
  }

  private mutating func resynchronise(after at: Int) -> Bool {
    if let next = findBlock(after: at) {
      skippedBytes += next - at
      report(
        .warning, .resynchronised,
        "byte offset \(next): resynchronised on the next valid block after skipping \(next - at) bytes")
      if let base = data.baseAddress, Wire.le32(base, next) == PcapngReader.sectionHeader {
        bigEndian = Wire.le32(base, next + 8) == 0x4d3c_2b1a
      }
      offset = next
      return true
    }
    skippedBytes += data.count - at
    report(.error, .resynchronised, "byte offset \(at): no valid block in the remaining \(data.count - at) bytes")
    offset = data.count
    return false
  }

  private mutating func report(_ severity: Diagnostic.Severity, _ code: CaptureDiagnosticCode, _ message: String) {
    diagnostics.append(Diagnostic(severity, code, message, at: SourceLocation(file: name)))
  }
}

extension PcapngReader: PacketReader {}
