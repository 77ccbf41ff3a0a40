import BulkheadModel

/// MQTT control packet types (MQTT 3.1.1 §2.2.1, MQTT 5.0 §2.1.2) as tally codes: the type in the fixed header's
/// high nibble, and ``delivered`` + 3 for a PUBLISH the broker sends to a subscriber, which reports data rather
/// than writing it.
enum MQTTPacketType {
  static let connect: UInt8 = 1
  static let connack: UInt8 = 2
  static let publish: UInt8 = 3
  static let pubrel: UInt8 = 6
  static let subscribe: UInt8 = 8
  static let suback: UInt8 = 9
  static let unsubscribe: UInt8 = 10
  static let unsuback: UInt8 = 11
  static let pingreq: UInt8 = 12
  static let pingresp: UInt8 = 13
  static let disconnect: UInt8 = 14
  /// AUTH, MQTT 5.0 only (§3.15); reserved in 3.1.1.
  static let auth: UInt8 = 15
  /// Added to a type's code when the broker sent it where the client may too (PUBLISH to a subscriber).
  static let delivered: UInt32 = 0x100

  /// PUBLISH from a client writes a value into the broker's topic; PUBLISH to a subscriber delivers what it asked
  /// to read; SUBSCRIBE asks for reads. Session management and acknowledgements are `other`.
  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case 1: ("CONNECT", .other)
    case 2: ("CONNACK", .other)
    case 3: ("PUBLISH", .write)
    case delivered + 3: ("PUBLISH to subscriber", .read)
    case 4: ("PUBACK", .other)
    case 5: ("PUBREC", .other)
    case 6: ("PUBREL", .other)
    case 7: ("PUBCOMP", .other)
    case 8: ("SUBSCRIBE", .read)
    case 9: ("SUBACK", .read)
    case 10: ("UNSUBSCRIBE", .other)
    case 11: ("UNSUBACK", .other)
    case 12: ("PINGREQ", .other)
    case 13: ("PINGRESP", .other)
    case 14: ("DISCONNECT", .other)
    case 15: ("AUTH", .other)
    default: ("unknown-\(code)", .other)
    }
  }

  /// Types only a client sends (§2.2.1 / §2.1.2 "Direction of flow").
  static func clientOnly(_ type: UInt8) -> Bool {
    type == connect || type == subscribe || type == unsubscribe || type == pingreq
  }

  /// Types only a broker sends.
  static func brokerOnly(_ type: UInt8) -> Bool {
    type == connack || type == suback || type == unsuback || type == pingresp
  }

  /// The fixed header flags a type requires (3.1.1 §2.2.2, 5.0 §2.1.3): 0b0010 for PUBREL, SUBSCRIBE and
  /// UNSUBSCRIBE, 0 for the others; nil for PUBLISH, whose flags are DUP, QoS and RETAIN.
  static func requiredFlags(_ type: UInt8) -> UInt8? {
    switch type {
    case publish: nil
    case pubrel, subscribe, unsubscribe: 0b0010
    default: 0
    }
  }
}
