/// The stable identifier of an industrial protocol a dissector recognises, e.g. `modbus`.
public struct ProtocolID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The identifier text, lower case with dashes.
  public var rawValue: String

  /// Creates an identifier from its text.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Modbus/TCP (MODBUS Messaging on TCP/IP Implementation Guide V1.0b).
  public static let modbus = ProtocolID(rawValue: "modbus")
  /// DNP3 (IEEE 1815) over TCP or UDP.
  public static let dnp3 = ProtocolID(rawValue: "dnp3")
  /// Siemens S7comm over ISO-on-TCP (RFC 1006 TPKT + ISO 8073 COTP).
  public static let s7comm = ProtocolID(rawValue: "s7comm")
  /// Siemens S7comm-Plus (protocol id 0x72) over ISO-on-TCP.
  public static let s7commPlus = ProtocolID(rawValue: "s7comm-plus")
  /// EtherNet/IP encapsulation carrying CIP.
  public static let enip = ProtocolID(rawValue: "enip")
  /// OPC UA binary (UA TCP, OPC 10000-6).
  public static let opcua = ProtocolID(rawValue: "opcua")
  // A protocol added in its own folder declares its identifier there (`extension ProtocolID`).

  public var description: String { rawValue }

  public static func < (lhs: ProtocolID, rhs: ProtocolID) -> Bool { lhs.rawValue < rhs.rawValue }
}
