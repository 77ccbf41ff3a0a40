import BulkheadCapture

/// A PDU that did not follow its protocol: where it was and what was wrong.
public struct ProtocolViolation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The capture packet number (1-based) whose bytes completed or started the bad PDU.
  public var packet: Int
  /// Which way the bad PDU travelled.
  public var direction: FlowDirection
  /// A stable code, e.g. `modbus.bad-protocol-id`.
  public var code: String
  /// One sentence naming the bad value.
  public var message: String

  /// Creates a violation.
  public init(packet: Int, direction: FlowDirection, code: String, message: String) {
    self.packet = packet
    self.direction = direction
    self.code = code
    self.message = message
  }

  public var description: String {
    let way = direction == .initiatorToResponder ? "to responder" : "to initiator"
    return "packet \(packet) (\(way)): \(message) [\(code)]"
  }

  public static func < (lhs: ProtocolViolation, rhs: ProtocolViolation) -> Bool {
    (lhs.packet, lhs.code, lhs.message) < (rhs.packet, rhs.code, rhs.message)
  }
}
