import BulkheadCapture

/// Parses DNP3 link frames (IEEE 1815-2012 §9.2), reassembles transport segments (§8.2) into application fragments
/// (§4.2) and counts their function codes.
struct DNP3Parser: FrameParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var badCRCs = 0
  var linkFrames = 0
  var sawSecureAuthentication = false
  var iin: UInt16 = 0
  /// Fragments under reassembly, per link direction (DIR bit: 1 from master).
  private var fromMaster: [UInt8] = []
  private var fromOutstation: [UInt8] = []
  private var masterOpen = false
  private var outstationOpen = false

  static let maximumFragment = 1 << 16

  /// §9.2.4: 0x05 0x64, length (control + addresses + user data, 5…255), control, destination, source, CRC.
  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard header.u8(0) == 0x05, header.u8(1) == 0x64, let length = header.u8(2) else {
      return .invalid("DNP3 link frame does not start with 0x0564")
    }
    guard length >= 5 else { return .invalid("DNP3 link length \(length) below 5") }
    return .length(Self.frameLength(Int(length)))
  }

  /// Header block of 10 bytes, then user data in 16-byte blocks each followed by a 2-byte CRC.
  static func frameLength(_ length: Int) -> Int {
    let user = length - 5
    return 10 + user + 2 * ((user + 15) / 16)
  }

  mutating func framingLost(_ why: String) {
    violations.record("dnp3.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    linkFrames += 1
    guard DNP3CRC.check(frame, 0, 8), let length = frame.u8(2), let control = frame.u8(3) else {
      badCRCs += 1
      violations.record("dnp3.crc", "DNP3 link header CRC mismatch", packet: packet, direction: direction)
      return
    }
    let user = Int(length) - 5
    guard user > 0 else { return }  // Link-layer only frames (reset, link status, ack) carry no user data.
    // §9.2.4.1.3: primary frames with user data are function 3 (confirmed) or 4 (unconfirmed).
    let function = control & 0x0F
    guard control & 0x40 != 0, function == 3 || function == 4 else {
      // A conforming outstation ignores user data under any other link function (IEEE 1815-2012 §9.2.4.1.3).
      violations.record(
        "dnp3.link-function",
        "user data in a link frame with control 0x\(String(control, radix: 16)) (function \(function))",
        packet: packet, direction: direction)
      return
    }
    // Check every block CRC before using any byte (§9.2.3.4).
    var offset = 10
    var remaining = user
    while remaining > 0 {
      let block = min(16, remaining)
      guard DNP3CRC.check(frame, offset, block) else {
        badCRCs += 1
        violations.record(
          "dnp3.crc", "DNP3 user data CRC mismatch at frame offset \(offset)", packet: packet, direction: direction)
        return
      }
      offset += block + 2
      remaining -= block
    }
    guard let header = frame.u8(10) else { return }
    // Swap the buffer out (free for arrays) so the parser can mutate itself while filling it.
    var buffer: [UInt8] = []
    if control & 0x80 != 0 {
      swap(&buffer, &fromMaster)
      var open = masterOpen
      transport(header, frame, user: user, buffer: &buffer, open: &open)
      masterOpen = open
      swap(&buffer, &fromMaster)
    } else {
      swap(&buffer, &fromOutstation)
      var open = outstationOpen
      transport(header, frame, user: user, buffer: &buffer, open: &open)
      outstationOpen = open
      swap(&buffer, &fromOutstation)
    }
  }

  /// §8.2.1 transport header: FIN (0x80), FIR (0x40), sequence (6 bits); the body joins the fragment.
  private mutating func transport(
    _ header: UInt8, _ frame: UnsafeRawBufferPointer, user: Int, buffer: inout [UInt8], open: inout Bool
  ) {
    if header & 0x40 != 0 {
      if open {
        violations.record(
          "dnp3.transport", "new fragment started before the previous one finished", packet: packet,
          direction: direction)
      }
      buffer.removeAll(keepingCapacity: true)
      open = true
    }
    guard open else {
      violations.record(
        "dnp3.transport", "transport segment without a first segment", packet: packet, direction: direction)
      return
    }
    // A whole fragment in one segment that fits the first CRC block (most requests, short responses) is contiguous
    // in the frame: parse it in place instead of copying it out.
    if header & 0xC0 == 0xC0 && user <= 16, let fragment = frame.slice(11, user - 1) {
      open = false
      application(fragment)
      return
    }
    // Copy user data without block CRCs, skipping the transport header byte.
    var offset = 10
    var remaining = user
    var skip = 1
    while remaining > 0 {
      let block = min(16, remaining)
      if let bytes = frame.slice(offset + skip, block - skip) { buffer.append(contentsOf: bytes) }
      skip = 0
      offset += block + 2
      remaining -= block
    }
    if buffer.count > Self.maximumFragment {
      violations.record("dnp3.transport", "application fragment over 64 KiB", packet: packet, direction: direction)
      open = false
      buffer.removeAll(keepingCapacity: true)
      return
    }
    if header & 0x80 != 0 {
      open = false
      buffer.withUnsafeBytes { application($0) }
    }
  }

  /// §4.2.2: application control, function code, (responses) IIN, then object headers (group, variation, qualifier).
  private mutating func application(_ fragment: UnsafeRawBufferPointer) {
    guard let function = fragment.u8(1) else {
      violations.record(
        "dnp3.application", "application fragment without a function code", packet: packet,
        direction: direction)
      return
    }
    let isResponse = function >= 0x81
    if isResponse {
      guard let indications = fragment.u16be(2) else {
        violations.record("dnp3.application", "response without IIN", packet: packet, direction: direction)
        return
      }
      iin |= indications
    }
    operations.count(UInt32(function), isResponse ? .response : .request)
    // Secure Authentication (IEEE 1815-2012 §7): function 32/33/131 or a group 120 object.
    let objects = isResponse ? 4 : 2
    if !isResponse, function >= 1 && function <= 6 {
      checkObjects(fragment.suffix(from: objects), carriesData: function != 1)
    }
    if function == 32 || function == 33 || function == 131 || fragment.u8(objects) == 120 {
      sawSecureAuthentication = true
    }
  }

  /// Walks request object headers (§4.2.2.7: group, variation, qualifier, range) and checks ranges and, for control
  /// objects, that the declared count of objects fits (CROB g12v1 is 11 bytes, analog outputs g41v1-4 5/3/5/9).
  private mutating func checkObjects(_ objects: UnsafeRawBufferPointer, carriesData: Bool) {
    var offset = 0
    while offset < objects.count {
      guard let group = objects.u8(offset), let variation = objects.u8(offset + 1),
        let qualifier = objects.u8(offset + 2)
      else {
        violations.record("dnp3.object", "truncated object header", packet: packet, direction: direction)
        return
      }
      offset += 3
      var count = 0
      var indexSize = 0
      switch qualifier {
      case 0x00, 0x01:
        let width = qualifier == 0x00 ? 1 : 2
        guard let start = width == 1 ? objects.u8(offset).map(Int.init) : objects.u16le(offset).map(Int.init),
          let stop = width == 1
            ? objects.u8(offset + 1).map(Int.init) : objects.u16le(offset + 2).map(Int.init)
        else {
          violations.record("dnp3.object", "truncated start-stop range", packet: packet, direction: direction)
          return
        }
        guard stop >= start else {
          violations.record(
            "dnp3.object", "g\(group)v\(variation) range stop \(stop) before start \(start)", packet: packet,
            direction: direction)
          return
        }
        count = stop - start + 1
        offset += 2 * width
      case 0x06:
        count = 0
      case 0x07, 0x08, 0x17, 0x28:
        let width = qualifier == 0x07 || qualifier == 0x17 ? 1 : 2
        guard let value = width == 1 ? objects.u8(offset).map(Int.init) : objects.u16le(offset).map(Int.init) else {
          violations.record("dnp3.object", "truncated count", packet: packet, direction: direction)
          return
        }
        count = value
        indexSize = qualifier == 0x17 ? 1 : qualifier == 0x28 ? 2 : 0
        offset += width
      default:
        return  // Other qualifiers are valid but not sized here; stop checking.
      }
      guard carriesData else { continue }
      let size: Int
      switch (group, variation) {
      case (12, 1): size = 11
      case (41, 1): size = 5
      case (41, 2): size = 3
      case (41, 3): size = 5
      case (41, 4): size = 9
      default: return  // Unknown object size: the rest cannot be walked.
      }
      let needed = count * (size + indexSize)
      guard needed <= objects.count - offset else {
        violations.record(
          "dnp3.object",
          "g\(group)v\(variation) × \(count) needs \(needed) bytes, \(objects.count - offset) left", packet: packet,
          direction: direction)
        return
      }
      offset += needed
    }
  }
}
