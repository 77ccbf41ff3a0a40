import BulkheadCapture

/// Parses MQTT control packets for one flow: the initiator is the client, the responder the broker.
///
/// Fixed header (3.1.1 §2.2, 5.0 §2.1): type in the high nibble, flags in the low one, then the Remaining Length.
/// Every packet is counted by type; malformed fields are violations of that packet, a malformed fixed header loses
/// the direction's framing.
struct MQTTParser: FrameParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var operations = OperationCounter()
  var violations = ViolationLog()
  var attributeList = AttributeList()
  /// The protocol level CONNECT declared (3, 4 or 5); 0 before it.
  private var level: UInt8 = 0
  private var connected = false
  /// Whether CONNECT carried the User Name or Password flag (3.1.1 §3.1.2.8–9); the values are never kept.
  private var presentedCredentials = false
  /// Whether an AUTH exchange (5.0 §4.12 enhanced authentication) was seen.
  private var enhancedAuthentication = false
  /// The broker's CONNACK answer: nil before it.
  private var accepted: Bool?

  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard let first = header.u8(0) else { return .invalid("short MQTT fixed header") }
    guard first >> 4 != 0 else { return .invalid("reserved MQTT control packet type 0") }
    switch MQTTWire.integer(header, at: 1) {
    case .value(let remaining, let size): return .length(1 + size + remaining)
    case .truncated(let needing): return .incomplete(needing: needing)
    case .malformed: return .invalid("MQTT Remaining Length continues past 4 bytes")
    }
  }

  mutating func framingLost(_ why: String) {
    violations.record("mqtt.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    guard let first = frame.u8(0), case .value(_, let size) = MQTTWire.integer(frame, at: 1) else { return }
    let type = first >> 4
    let flags = first & 0x0F
    let body = frame.suffix(from: 1 + size)
    let fromClient = direction == .initiatorToResponder
    var kind: OperationCounter.Kind = fromClient ? .request : .response
    if !connected && !(type == MQTTPacketType.connect && fromClient) {
      violation("mqtt.before-connect", "\(Self.name(type)) before the client's CONNECT")
    }
    if let required = MQTTPacketType.requiredFlags(type), flags != required {
      violation("mqtt.bad-flags", "\(Self.name(type)) fixed header flags \(flags), expected \(required)")
    }
    if (MQTTPacketType.clientOnly(type) && !fromClient) || (MQTTPacketType.brokerOnly(type) && fromClient) {
      violation("mqtt.wrong-direction", "\(Self.name(type)) sent by the \(fromClient ? "client" : "broker")")
    }
    checkLength(type, body)
    switch type {
    case MQTTPacketType.connect where fromClient: connect(body)
    case MQTTPacketType.connack where !fromClient:
      if !connack(body) { kind = .exception }
    case MQTTPacketType.publish: publish(body, flags: flags, fromClient: fromClient)
    case MQTTPacketType.subscribe where fromClient: subscribe(body)
    case MQTTPacketType.auth:
      if level == 5 {
        enhancedAuthentication = true
      } else {
        violation("mqtt.reserved-type", "AUTH (type 15) is reserved before MQTT 5.0")
      }
    default: break
    }
    let code = type == MQTTPacketType.publish && !fromClient ? MQTTPacketType.delivered + 3 : UInt32(type)
    operations.count(code, kind)
  }

  /// The spec's name of a packet type, for messages.
  private static func name(_ type: UInt8) -> String { MQTTPacketType.describe(UInt32(type)).name }

  private mutating func violation(_ code: String, _ message: String) {
    violations.record(code, message, packet: packet, direction: direction)
  }

  /// Fixed lengths (3.1.1 §3.2–§3.14): acknowledgements carry a 2-byte packet identifier (5.0 may add a reason
  /// code and properties), PINGREQ/PINGRESP nothing, a 3.1.1 DISCONNECT nothing.
  private mutating func checkLength(_ type: UInt8, _ body: UnsafeRawBufferPointer) {
    let extensible = level == 5
    let fits: Bool
    switch type {
    case MQTTPacketType.connack, 4...7, MQTTPacketType.unsuback:
      fits = extensible ? body.count >= 2 : body.count == 2
    case MQTTPacketType.pingreq, MQTTPacketType.pingresp: fits = body.isEmpty
    case MQTTPacketType.disconnect: fits = extensible || body.isEmpty
    case MQTTPacketType.suback: fits = body.count >= 3
    case MQTTPacketType.subscribe, MQTTPacketType.unsubscribe: fits = body.count >= 5
    default: fits = true
    }
    if !fits { violation("mqtt.length", "\(Self.name(type)) with \(body.count) bytes after the fixed header") }
  }

  /// The protocol version a CONNECT's name and level declare (3.1.1 §3.1.2.1–2, 5.0 §3.1.2.1–2, MQTT 3.1's
  /// "MQIsdp"), or nil.
  static func version(name: UnsafeRawBufferPointer, level: UInt8) -> String? {
    if name.count == 4, name.hasASCIIPrefix("MQTT") {
      return level == 4 ? "3.1.1" : level == 5 ? "5.0" : nil
    }
    if name.count == 6, name.hasASCIIPrefix("MQIsdp"), level == 3 { return "3.1" }
    return nil
  }

  /// CONNECT (3.1.1 §3.1, 5.0 §3.1): protocol name and level, connect flags, keep alive, [5.0: properties], then the
  /// client identifier. Only the credential flags are kept, never the user name or password.
  private mutating func connect(_ body: UnsafeRawBufferPointer) {
    if connected {
      // 3.1.1 §3.1: a second CONNECT is a protocol violation and the broker must disconnect.
      violation("mqtt.second-connect", "a second CONNECT on the same connection")
      return
    }
    connected = true
    guard let name = MQTTWire.string(body, at: 0), let level = body.u8(2 + name.count),
      let flags = body.u8(3 + name.count), body.u16be(4 + name.count) != nil
    else {
      violation("mqtt.bad-connect", "CONNECT variable header of \(body.count) bytes is truncated")
      return
    }
    guard let version = Self.version(name: name, level: level) else {
      violation(
        "mqtt.bad-protocol", "CONNECT protocol \(AttributeList.printable(name) ?? "(empty)") level \(level)")
      return
    }
    self.level = level
    attributeList.add("version", version)
    let username = flags & 0x80 != 0
    let password = flags & 0x40 != 0
    let will = flags & 0x04 != 0
    presentedCredentials = username || password
    attributeList.add(
      "credentials",
      username && password ? "username and password" : username ? "username" : password ? "password" : "none")
    if will { attributeList.add("will", "yes") }
    if flags & 0x01 != 0 { violation("mqtt.bad-connect", "CONNECT reserved flag set") }
    if (flags >> 3) & 0x03 == 3 || (!will && flags & 0x38 != 0) {
      violation("mqtt.bad-connect", "CONNECT will QoS/retain flags \(flags >> 3 & 0x07) with will flag \(will)")
    }
    // 3.1.1 §3.1.2.9: without a user name there is no password (5.0 allows a password alone).
    if password && !username && level < 5 { violation("mqtt.bad-connect", "CONNECT password flag without user name") }
    var offset = 6 + name.count
    if level == 5 {
      guard let next = MQTTWire.skipProperties(body, at: offset) else {
        violation("mqtt.bad-connect", "CONNECT properties overrun the packet")
        return
      }
      offset = next
    }
    guard let clientID = MQTTWire.string(body, at: offset) else {
      violation("mqtt.bad-connect", "CONNECT client identifier overruns the packet")
      return
    }
    attributeList.add("client-id", bytes: clientID)
  }

  /// CONNACK (3.1.1 §3.2, 5.0 §3.2): acknowledge flags, then the return (reason) code; 0 accepts. Returns whether
  /// the broker accepted.
  private mutating func connack(_ body: UnsafeRawBufferPointer) -> Bool {
    guard let code = body.u8(1) else { return true }
    let ok = code == 0
    if accepted == nil { accepted = ok }
    attributeList.add("connack", ok ? "accepted" : "refused (code \(code))")
    return ok
  }

  /// PUBLISH (3.1.1 §3.3, 5.0 §3.3): QoS in flags bits 1–2 (3 is malformed), the topic name, a packet identifier
  /// when QoS > 0. The topic a client writes to is kept.
  private mutating func publish(_ body: UnsafeRawBufferPointer, flags: UInt8, fromClient: Bool) {
    let qos = (flags >> 1) & 0x03
    if qos == 3 { violation("mqtt.bad-qos", "PUBLISH with QoS 3") }
    guard let topic = MQTTWire.string(body, at: 0), qos == 0 || body.count >= 2 + topic.count + 2 else {
      violation("mqtt.bad-publish", "PUBLISH topic name or packet identifier overruns the packet")
      return
    }
    if fromClient { attributeList.add("publish-topic", bytes: topic) }
  }

  /// SUBSCRIBE (3.1.1 §3.8, 5.0 §3.8): packet identifier, [5.0: properties], then topic filters each with an options
  /// byte; at least one.
  private mutating func subscribe(_ body: UnsafeRawBufferPointer) {
    var offset = 2
    if level == 5 {
      guard let next = MQTTWire.skipProperties(body, at: offset) else {
        violation("mqtt.bad-subscribe", "SUBSCRIBE properties overrun the packet")
        return
      }
      offset = next
    }
    var filters = 0
    while offset < body.count {
      guard let filter = MQTTWire.string(body, at: offset), body.u8(offset + 2 + filter.count) != nil else {
        violation("mqtt.bad-subscribe", "SUBSCRIBE topic filter overruns the packet at offset \(offset)")
        return
      }
      attributeList.add("subscribe-topic", bytes: filter)
      filters += 1
      offset += 2 + filter.count + 1
    }
    if filters == 0 { violation("mqtt.bad-subscribe", "SUBSCRIBE without a topic filter") }
  }

  /// Cleartext always; authenticated once the broker accepted a CONNECT that presented credentials or finished an
  /// AUTH exchange, not when it accepted one without.
  var security: SecurityProperties {
    let authenticated: ObservedAnswer =
      switch accepted {
      case .some(true): presentedCredentials || enhancedAuthentication ? .yes : .no
      default: .unknown
      }
    return SecurityProperties(
      authenticated: authenticated, encrypted: .no,
      userIdentity: connected ? (presentedCredentials ? "username" : "anonymous") : nil)
  }
}
