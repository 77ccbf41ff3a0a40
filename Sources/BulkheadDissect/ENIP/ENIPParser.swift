import BulkheadCapture

/// Parses EtherNet/IP encapsulation messages (CIP Vol 2 §2-3) and the CIP messages they carry (CIP Vol 1 §2-4).
struct ENIPParser: FrameParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var identities: [DeviceIdentity] = []
  /// The object class of the last request per object-specific service (0x4B-0x63), to name its response. Stored
  /// inline: an array would cost every flow an allocation and every write a uniqueness check.
  private var requestClass = InlineArray<0x19, UInt32>(repeating: 0)

  static let headerLength = 24

  /// Encapsulation header: command (2), length of the data after the header (2), session, status, context, options.
  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard let command = header.u16le(0), let length = header.u16le(2) else { return .invalid("short ENIP header") }
    guard ENIPCommand.isKnown(command) else {
      return .invalid("ENIP command 0x\(String(command, radix: 16)) unknown")
    }
    return .length(Self.headerLength + Int(length))
  }

  mutating func framingLost(_ why: String) {
    violations.record("enip.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let command = frame.u16le(0), let status = frame.u32le(8) else { return }
    // List* requests carry no data and replies do (Vol 2 §2-4.2): on UDP a broadcast ListIdentity's replies come back
    // as separate flows started by the device, so the content, not the direction, says which is which.
    let isListCommand = command == 0x0004 || command == 0x0063 || command == 0x0064
    let isRequest = isListCommand ? frame.count == Self.headerLength : direction == .initiatorToResponder
    operations.count(ENIPCommand.base | UInt32(command), isRequest ? .request : (status == 0 ? .response : .exception))
    let body = frame.suffix(from: Self.headerLength)
    switch command {
    case 0x0063 where !isRequest: listIdentity(body)
    case 0x006F, 0x0070: commonPacketFormat(body.suffix(from: 6), connected: command == 0x0070)
    default: break
    }
  }

  /// CIP Vol 2 §2-6 Common Packet Format: item count, then items (type, length, data).
  private mutating func commonPacketFormat(_ items: UnsafeRawBufferPointer, connected: Bool) {
    guard let count = items.u16le(0) else {
      violations.record("enip.cpf", "SendRRData/SendUnitData without items", packet: packet, direction: direction)
      return
    }
    var offset = 2
    for _ in 0..<count {
      guard let type = items.u16le(offset), let length = items.u16le(offset + 2),
        let data = items.slice(offset + 4, Int(length))
      else {
        violations.record("enip.cpf", "CPF item overruns its message", packet: packet, direction: direction)
        return
      }
      switch type {
      case 0x00B2: cip(data, depth: 0)
      case 0x00B1: cip(data.suffix(from: 2), depth: 0)  // Connected data: sequence count, then CIP.
      default: break
      }
      offset += 4 + Int(length)
    }
  }

  /// A CIP message request (service, path size in words, path, data) or response (service | 0x80, reserved, general
  /// status, additional status size, additional status, data).
  private mutating func cip(_ message: UnsafeRawBufferPointer, depth: Int) {
    guard depth < 4 else { return }
    guard let service = message.u8(0), let second = message.u8(1) else {
      violations.record("enip.cip", "empty CIP message", packet: packet, direction: direction)
      return
    }
    if service & 0x80 != 0 {
      let code = service & 0x7F
      guard let status = message.u8(2), let additional = message.u8(3) else {
        violations.record("enip.cip", "short CIP response", packet: packet, direction: direction)
        return
      }
      let objectClass = code >= 0x4B && code <= 0x63 ? requestClass[Int(code - 0x4B)] : 0
      // General status 0 is success, 6 is a partial transfer (more data follows), both normal.
      operations.count(objectClass << 8 | UInt32(code), status == 0 || status == 6 ? .response : .exception)
      if code == 0x0A, status == 0 || status == 0x1E {
        multipleService(message.suffix(from: 4 + 2 * Int(additional)), depth: depth)
      }
      return
    }
    guard let path = message.slice(2, 2 * Int(second)) else {
      violations.record("enip.cip", "CIP request path overruns the message", packet: packet, direction: direction)
      return
    }
    let data = message.suffix(from: 2 + 2 * Int(second))
    let objectClass = Self.objectClass(path)
    if service >= 0x4B, service <= 0x63 {
      requestClass[Int(service - 0x4B)] = objectClass
      operations.count(objectClass << 8 | UInt32(service), .request)
    } else {
      operations.count(UInt32(service), .request)
    }
    if service == 0x0A {
      multipleService(data, depth: depth)
    } else if service == 0x52, objectClass == CIPService.connectionManager, let size = data.u16le(2) {
      // Unconnected Send (Vol 1 §3-5.5.2): priority/tick, timeout ticks, message size, embedded request.
      guard let embedded = data.slice(4, Int(size)) else {
        violations.record("enip.cip", "Unconnected Send message overruns", packet: packet, direction: direction)
        return
      }
      cip(embedded, depth: depth + 1)
    }
  }

  /// Multiple Service Packet (Vol 1 § ): count, offsets from the count field, then the messages.
  private mutating func multipleService(_ data: UnsafeRawBufferPointer, depth: Int) {
    guard let count = data.u16le(0) else { return }
    for index in 0..<Int(count) {
      guard let start = data.u16le(2 + 2 * index) else {
        violations.record("enip.cip", "Multiple Service Packet offsets overrun", packet: packet, direction: direction)
        return
      }
      let end = index + 1 < Int(count) ? Int(data.u16le(4 + 2 * index) ?? 0) : data.count
      guard let message = data.slice(Int(start), end - Int(start)) else {
        violations.record(
          "enip.cip", "Multiple Service Packet offset out of range", packet: packet,
          direction: direction)
        return
      }
      cip(message, depth: depth + 1)
    }
  }

  /// The class from the first logical segment of an EPATH (Vol 1 §C-1.4): 0x20 8-bit, 0x21 16-bit class id,
  /// 0x91 ANSI extended symbol (a tag name).
  static func objectClass(_ path: UnsafeRawBufferPointer) -> UInt32 {
    switch path.u8(0) {
    case 0x20?: return UInt32(path.u8(1) ?? 0)
    case 0x21?: return UInt32(path.u16le(2) ?? 0)
    case 0x91?: return CIPService.symbolic
    default: return 0
    }
  }

  /// ListIdentity reply (Vol 2 §2-4.3.2): CPF item 0x0C with version, socket address, vendor, device type, product
  /// code, revision, status, serial number, product name.
  private mutating func listIdentity(_ body: UnsafeRawBufferPointer) {
    guard body.u16le(2) == 0x000C, let length = body.u16le(4), let item = body.slice(6, Int(length)),
      let vendor = item.u16le(18), let deviceType = item.u16le(20), let productCode = item.u16le(22),
      let major = item.u8(24), let minor = item.u8(25), let serial = item.u32le(28), let nameLength = item.u8(32)
    else {
      violations.record("enip.list-identity", "ListIdentity reply too short", packet: packet, direction: direction)
      return
    }
    identities.append(
      DeviceIdentity(
        source: "enip-list-identity", vendor: Self.vendorName(vendor),
        product: item.text(33, Int(nameLength)) ?? "product code \(productCode)",
        serial: "0x" + String(serial, radix: 16), firmware: "\(major).\(minor)",
        model: "device type \(deviceType), product code \(productCode)"))
  }

  /// A few ODVA vendor ids seen in plants; the rest stay numeric.
  static func vendorName(_ id: UInt16) -> String {
    switch id {
    case 1: "Rockwell Automation/Allen-Bradley"
    case 5: "Rockwell Automation/Reliance Electric"
    case 44: "Omron"
    case 47: "Schneider Electric"
    case 283: "Siemens"
    case 356: "Pepperl+Fuchs"
    default: "vendor \(id)"
    }
  }

  /// Class-1 I/O datagram (Vol 2 §3-2.2): CPF with a sequenced address item (0x8002) and connected data (0x00B1).
  static func isClassOneIO(_ datagram: UnsafeRawBufferPointer) -> Bool {
    datagram.u16le(0) == 2 && datagram.u16le(2) == 0x8002 && datagram.u16le(4) == 8 && datagram.u16le(14) == 0x00B1
  }

  mutating func ioDatagram() {
    operations.count(direction == .initiatorToResponder ? ENIPCommand.ioToTarget : ENIPCommand.ioToOriginator, .request)
  }
}
