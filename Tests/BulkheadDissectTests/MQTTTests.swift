import BulkheadCapture
import Testing

@testable import BulkheadDissect

/// MQTT: the strict CONNECT signature, credential flags without their values, the broker's answer, Remaining
/// Lengths across segment boundaries, and malformed fixed headers failing closed.
@Suite struct MQTTTests {
  /// A control packet: type and flags, the Remaining Length as a Variable Byte Integer (3.1.1 §2.2.3), the body.
  static func packet(_ type: UInt8, flags: UInt8 = 0, _ body: [UInt8]) -> [UInt8] {
    var length = body.count
    var header: [UInt8] = [type << 4 | flags]
    repeat {
      var byte = UInt8(length & 0x7F)
      length >>= 7
      if length > 0 { byte |= 0x80 }
      header.append(byte)
    } while length > 0
    return header + body
  }

  static func string(_ text: String) -> [UInt8] {
    let bytes = Array(text.utf8)
    return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
  }

  /// CONNECT with protocol name, level and flags; 5.0 gets an empty property block.
  static func connect(name: String = "MQTT", level: UInt8, flags: UInt8, clientID: String = "plc-7") -> [UInt8] {
    var body = string(name) + [level, flags, 0, 60]
    if level == 5 { body.append(0) }
    body += string(clientID)
    if flags & 0x80 != 0 { body += string("operator") }
    if flags & 0x40 != 0 { body += string("s3cret") }
    return packet(1, body)
  }

  static func observe(_ chunks: [([UInt8], FlowDirection)], bytewise: Bool = false) -> ProtocolObservation {
    var dissector = MQTTDissector(transport: .tcp)
    for (index, (bytes, direction)) in chunks.enumerated() {
      if bytewise {
        for byte in bytes { dissector.consume([byte], direction: direction, packet: index + 1) }
      } else {
        dissector.consume(bytes, direction: direction, packet: index + 1)
      }
    }
    return dissector.observation()
  }

  @Test func signatureIsAConnectWithAKnownProtocolName() {
    let v5 = Self.connect(level: 5, flags: 0x02)
    let v311 = Self.connect(level: 4, flags: 0x02)
    let v31 = Self.connect(name: "MQIsdp", level: 3, flags: 0x02)
    for bytes in [v5, v311, v31] {
      #expect(
        DissectorRegistry.select(firstPayload: bytes, transport: .tcp, responderPort: 40000) == MQTTDissector.self)
    }
    // Wrong level for the name, another name, a PUBLISH, and UDP: never MQTT, whatever the port.
    for bytes in [
      Self.connect(level: 3, flags: 2), Self.connect(name: "MQIsdp", level: 4, flags: 2),
      Self.connect(name: "MQTX", level: 4, flags: 2), Self.packet(3, Self.string("a/b") + [1]),
    ] {
      #expect(!bytes.withUnsafeBytes { MQTTDissector.matches($0, transport: .tcp) })
    }
    #expect(!v311.withUnsafeBytes { MQTTDissector.matches($0, transport: .udp) })
  }

  @Test func credentialFlagsAreKeptButNotTheirValues() {
    let observation = Self.observe([
      (Self.connect(level: 5, flags: 0xC2), .initiatorToResponder),
      (Self.packet(2, [0, 0, 0]), .responderToInitiator),
    ])
    #expect(observation.attribute("version") == ["5.0"])
    #expect(observation.attribute("credentials") == ["username and password"])
    #expect(observation.attribute("client-id") == ["plc-7"])
    #expect(observation.security.authenticated == .yes)
    #expect(observation.security.encrypted == .no)
    #expect(observation.security.userIdentity == "username")
    let text = "\(observation)"
    #expect(!text.contains("operator") && !text.contains("s3cret"))
    #expect(observation.violationCount == 0)
  }

  @Test func refusedConnectIsAnExceptionAndAuthenticatesNobody() {
    let observation = Self.observe([
      (Self.connect(level: 4, flags: 0xC2), .initiatorToResponder),
      (Self.packet(2, [0, 5]), .responderToInitiator),
    ])
    #expect(observation.operation(named: "CONNACK")?.exceptions == 1)
    #expect(observation.attribute("connack") == ["refused (code 5)"])
    #expect(observation.security.authenticated == .unknown)
  }

  @Test func publishesAndSubscriptionsAreClassified() {
    let subscribe = Self.packet(8, flags: 2, [0, 1] + Self.string("plant/line1/#") + [1])
    let publish = Self.packet(3, Self.string("plant/line1/setpoint") + Array(repeating: 0x31, count: 300))
    let delivered = Self.packet(3, Self.string("plant/line1/temp") + [0x32])
    let chunks: [([UInt8], FlowDirection)] = [
      (Self.connect(level: 4, flags: 0x02), .initiatorToResponder), (Self.packet(2, [0, 0]), .responderToInitiator),
      (subscribe + publish, .initiatorToResponder), (Self.packet(9, [0, 1, 1]) + delivered, .responderToInitiator),
    ]
    // A 300-byte PUBLISH has a two-byte Remaining Length: byte by byte, the header arrives in pieces.
    for bytewise in [false, true] {
      let observation = Self.observe(chunks, bytewise: bytewise)
      #expect(observation.pduCount == 6)
      #expect(observation.operation(named: "PUBLISH")?.operationClass == .write)
      #expect(observation.operation(named: "PUBLISH to subscriber")?.total == 1)
      #expect(observation.operation(named: "SUBSCRIBE")?.operationClass == .read)
      #expect(observation.attribute("publish-topic") == ["plant/line1/setpoint"])
      #expect(observation.attribute("subscribe-topic") == ["plant/line1/#"])
      #expect(observation.operationClasses == [.read, .write, .other])
      #expect(observation.violationCount == 0)
      #expect(observation.security.authenticated == .no)
    }
  }

  @Test func fifthLengthByteLosesFramingAndViolationsAreCounted() {
    let observation = Self.observe([
      (Self.connect(level: 4, flags: 0x02), .initiatorToResponder),
      // SUBSCRIBE with flags 0 (must be 2), a second CONNECT, then a Remaining Length of five bytes (§2.2.3).
      (Self.packet(8, [0, 1] + Self.string("a") + [0]), .initiatorToResponder),
      (Self.connect(level: 4, flags: 0x02), .initiatorToResponder),
      ([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00], .initiatorToResponder),
    ])
    let codes = observation.violations.map(\.code)
    #expect(codes == ["mqtt.bad-flags", "mqtt.second-connect", "mqtt.framing"])
    #expect(observation.pduCount == 3)
    #expect(observation.skippedBytes == 7)
  }

  @Test func packetsBeforeConnectAreViolations() {
    let observation = Self.observe([
      (Self.packet(12, []), .initiatorToResponder), (Self.packet(15, [0]), .initiatorToResponder),
    ])
    #expect(observation.violations.map(\.code) == ["mqtt.before-connect", "mqtt.before-connect", "mqtt.reserved-type"])
  }
}
