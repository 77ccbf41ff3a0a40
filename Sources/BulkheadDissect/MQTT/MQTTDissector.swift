import BulkheadCapture

/// MQTT 3.1, 3.1.1 (OASIS, 2014) and 5.0 (OASIS, 2019) over TCP: control packets framed by their fixed header,
/// counted by packet type, CONNECT's version, client identifier and credential flags (never the credentials), the
/// broker's CONNACK answer, topics published and subscribed. MQTT over TLS (8883) is the TLS dissector's.
public struct MQTTDissector: Dissector {
  public static let id = ProtocolID.mqtt
  public static let transports: Set<TransportProtocol> = [.tcp]
  // IANA: mqtt 1883 (cleartext); 8883 is MQTT over TLS.
  public static let wellKnownPorts: Set<UInt16> = [1883]
  public static let displayName = "MQTT"
  // A fixed first byte, a protocol name string of a known length and text, and a protocol level: a text magic with
  // a cross-checked length, between SSH's bare "SSH-" and OPC UA's.
  public static let signaturePriority = SignaturePriority.magic.adjusted(by: -5)

  /// A fixed header is 2 to 5 bytes (type and flags, a 1–4 byte Remaining Length of at most 268,435,455).
  private var framing = StreamFraming(transport: .tcp, headerLength: 2, maximumLength: 5 + 268_435_455)
  private var parser = MQTTParser()

  /// A client's CONNECT (3.1.1 §3.1, 5.0 §3.1): first byte 0x10 (type 1, flags 0), then protocol name "MQTT" with
  /// level 4 (3.1.1) or 5 (5.0), or "MQIsdp" with level 3 (3.1). A port alone never names a flow MQTT.
  public static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool {
    guard transport == .tcp, bytes.u8(0) == 0x10, case .value(let remaining, let size) = MQTTWire.integer(bytes, at: 1)
    else { return false }
    let start = 1 + size
    guard let name = MQTTWire.string(bytes, at: start), let level = bytes.u8(start + 2 + name.count),
      remaining >= 2 + name.count + 4
    else { return false }
    return MQTTParser.version(name: name, level: level) != nil
  }

  public init(transport: TransportProtocol) {}

  public mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int) {
    framing.feed(bytes, direction: direction, packet: packet, into: &parser)
  }

  public mutating func gap(direction: FlowDirection, packet: Int, length: Int) {
    framing.gap(direction: direction, length: length, parser: &parser)
  }

  public func observation() -> ProtocolObservation {
    ProtocolObservation(
      protocolID: Self.id, pduCount: parser.operations.total,
      operations: parser.operations.tallies(MQTTPacketType.describe), security: parser.security,
      violations: parser.violations.kept, violationCount: parser.violations.count,
      skippedBytes: framing.skippedBytes, attributes: parser.attributeList.kept)
  }
}

extension ProtocolID {
  /// MQTT 3.1, 3.1.1 and 5.0 over TCP (OASIS).
  public static let mqtt = ProtocolID(rawValue: "mqtt")
}
