import BulkheadCapture

/// One SSH flow's identification strings and cleartext binary packets (RFC 4253 §4.2, §6), with the algorithm
/// negotiation of the two KEXINIT messages (§7.1).
struct SSHParser: FrameParser {
  var direction: FlowDirection = .initiatorToResponder
  var packet = 0
  var violations = ViolationLog()
  var operations = OperationCounter()
  var attributeList = AttributeList()
  var security = SecurityProperties()
  var skippedBytes = 0
  /// Whether each side's identification string was read (binary packets follow it).
  private(set) var identified = (requests: false, responses: false)
  /// Whether each side sent NEWKEYS: its later packets are encrypted and not read (§7.3).
  private var encrypting = (requests: false, responses: false)
  /// Lines a server may send before its identification string (§4.2), counted to bound them.
  private var otherLines = 0
  /// The name-lists of each side's KEXINIT (§7.1): kex, host key, encryption, MAC and compression client to server.
  private var clientLists: [[Substring]]?
  private var serverLists: [[Substring]]?
  /// SSH-1 (protocol version 1.x, not 1.99) frames differently; its packets are not read.
  private var versionOne = false

  /// §4.2: at most 255 characters including CR LF.
  static let lineLimit = 255
  /// §6.1: implementations must accept packets of 35,000 bytes; larger ones are allowed, bounded here.
  static func packetFraming() -> FrameAssembler { FrameAssembler(headerLength: 5, maximumLength: 4 + 262_144) }

  private var isRequest: Bool { direction == .initiatorToResponder }

  /// Reads lines until the identification string; `input` keeps what follows it.
  mutating func identification(_ input: inout UnsafeRawBufferPointer, lines: inout LineBuffer) {
    while !input.isEmpty {
      switch lines.take(&input) {
      case .partial: return
      case .tooLong:
        violations.record(
          "ssh.identification", "a line longer than \(Self.lineLimit) bytes before the identification string",
          packet: packet, direction: direction)
        markIdentified()
        versionOne = true  // Nothing after it can be framed.
        return
      case .line(let line):
        defer { lines.reuse(line) }
        guard line.hasASCIIPrefix("SSH-") else {
          // Only the server may send other lines first (§4.2), and not many.
          otherLines += 1
          if isRequest || otherLines > 32 {
            violations.record(
              "ssh.identification", "a line that is not an SSH identification string", packet: packet,
              direction: direction)
          }
          continue
        }
        operations.count(SSHMessage.identification, isRequest ? .request : .response)
        let banner = line.withUnsafeBytes { AttributeList.printable($0) } ?? ""
        attributeList.add(isRequest ? "client" : "server", banner)
        // protoversion is "2.0", or "1.99" for a server that speaks both (§5.1).
        let version = line.dropFirst(4).prefix { $0 != UInt8(ascii: "-") }
        let text = String(decoding: version, as: UTF8.self)
        if text.hasPrefix("1.") && text != "1.99" {
          versionOne = true
          attributeList.add("version", "1")
        } else if isRequest || text == "2.0" {
          attributeList.add("version", "2")
        }
        markIdentified()
        return
      }
    }
  }

  private mutating func markIdentified() {
    if isRequest { identified.requests = true } else { identified.responses = true }
  }

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    if versionOne || (isRequest ? encrypting.requests : encrypting.responses) { return .handedOver }
    // uint32 packet_length, byte padding_length (§6): the padding is 4 to 255 bytes.
    guard let length = header.u32be(0), length >= 5, length < 1 << 20, let padding = header.u8(4), padding >= 4,
      Int(padding) < Int(length)
    else { return .invalid("not an SSH binary packet header (packet_length \(header.u32be(0) ?? 0))") }
    return .length(4 + Int(length))
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let padding = frame.u8(4), let code = frame.u8(5) else { return }
    let payload = frame.slice(5, frame.count - 5 - Int(padding)) ?? frame.suffix(from: 5)
    operations.count(UInt32(code), isRequest ? .request : .response)
    switch code {
    case SSHMessage.kexInit: kexInit(payload)
    case SSHMessage.newKeys:
      if isRequest { encrypting.requests = true } else { encrypting.responses = true }
      if security.encrypted == .unknown { security.encrypted = .yes }
    default: break
    }
  }

  mutating func framingLost(_ why: String) {
    violations.record("ssh.packet", why, packet: packet, direction: direction)
  }

  /// SSH_MSG_KEXINIT (§7.1): byte 20, cookie (16), then name-lists (uint32 length, comma-separated names).
  private mutating func kexInit(_ payload: UnsafeRawBufferPointer) {
    var offset = 17
    var lists: [[Substring]] = []
    for _ in 0..<10 {
      guard let length = payload.u32be(offset), let text = payload.slice(offset + 4, Int(length)) else {
        violations.record(
          "ssh.kexinit", "a KEXINIT whose name-lists do not parse", packet: packet, direction: direction)
        return
      }
      lists.append(String(decoding: text.prefix(4_096), as: UTF8.self).split(separator: ","))
      offset += 4 + Int(length)
    }
    if isRequest { clientLists = lists } else { serverLists = lists }
    guard let client = clientLists, let server = serverLists else { return }
    // §7.1: each algorithm is the first on the client's list that the server also lists.
    func chosen(_ index: Int) -> String? { client[index].first { server[index].contains($0) }.map(String.init) }
    let names = ["kex", "host-key", "cipher", "", "mac", "", "compression"]
    for (index, name) in names.enumerated() where !name.isEmpty {
      if let value = chosen(index) { attributeList.add(name, value) }
    }
    let cipher = chosen(2)
    security.mode = "ssh-2"
    security.policy = cipher
    // "none" encryption is allowed by §6.3 but must not be on by default; a negotiated cipher encrypts. RFC 4252
    // requires the user to authenticate before any service (§5), so an SSH session is authenticated.
    security.encrypted = cipher == "none" ? .no : .yes
    security.authenticated = .yes
  }
}
