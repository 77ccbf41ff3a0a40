import BulkheadModel

/// One line of `bulkhead trace --batch`: a probe packet with an id (the kernel differential test's contract).
public struct BatchProbe: Sendable, Decodable {
  /// The caller's id, echoed in the answer.
  public var id: String
  /// The packet built from the fields.
  public var packet: Packet

  private enum CodingKeys: String, CodingKey {
    case id, src, dst, proto, sport, dport, `in`, out, state
    case icmpType = "icmp_type"
    case icmpCode = "icmp_code"
  }

  /// Errors a probe line can have, each naming the bad value.
  public enum ProbeError: Error, CustomStringConvertible {
    case badAddress(String)
    case badProtocol(String)
    case badState(String)
    case familyMismatch(String, String)

    public var description: String {
      switch self {
      case .badAddress(let a): "not an IP address: \(a)"
      case .badProtocol(let p): "unknown protocol: \(p)"
      case .badState(let s): "unknown state: \(s) (new, established, related, invalid)"
      case .familyMismatch(let s, let d): "source \(s) and destination \(d) differ in address family"
      }
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let text = try? c.decode(String.self, forKey: .id) {
      id = text
    } else {
      id = String(try c.decode(Int.self, forKey: .id))
    }
    let protoValue: UInt8
    if let number = try? c.decode(UInt8.self, forKey: .proto) {
      protoValue = number
    } else {
      let text = try c.decode(String.self, forKey: .proto)
      guard let number = ProtocolNames.number(Substring(text)) else { throw ProbeError.badProtocol(text) }
      protoValue = number
    }
    let stateText = try c.decodeIfPresent(String.self, forKey: .state)
    packet = try BatchProbe.packet(
      src: try c.decode(String.self, forKey: .src), dst: try c.decode(String.self, forKey: .dst), proto: protoValue,
      sport: try c.decodeIfPresent(UInt16.self, forKey: .sport),
      dport: try c.decodeIfPresent(UInt16.self, forKey: .dport),
      icmpType: try c.decodeIfPresent(UInt8.self, forKey: .icmpType),
      icmpCode: try c.decodeIfPresent(UInt8.self, forKey: .icmpCode),
      inInterface: try c.decodeIfPresent(String.self, forKey: .in),
      outInterface: try c.decodeIfPresent(String.self, forKey: .out), state: stateText)
  }

  /// Default source port when a probe names none: the first IANA dynamic port (RFC 6335 §6).
  public static let defaultSourcePort: UInt16 = 49152

  /// Builds a packet from probe fields (shared by the single-packet CLI flags and batch lines).
  public static func packet(
    src: String, dst: String, proto: UInt8, sport: UInt16?, dport: UInt16?, icmpType: UInt8?, icmpCode: UInt8?,
    inInterface: String?, outInterface: String?, state: String?
  ) throws -> Packet {
    guard let source = IPAddress(src) else { throw ProbeError.badAddress(src) }
    guard let destination = IPAddress(dst) else { throw ProbeError.badAddress(dst) }
    guard source.family == destination.family else { throw ProbeError.familyMismatch(src, dst) }
    var connState = ConnectionState.new
    if let state {
      guard let s = ConnectionState(rawValue: state.lowercased()) else { throw ProbeError.badState(state) }
      connState = s
    }
    var packet = Packet(
      source: source, destination: destination, proto: proto, inInterface: inInterface, outInterface: outInterface,
      state: connState)
    if packet.hasPorts {
      packet.sourcePort = sport ?? defaultSourcePort
      packet.destinationPort = dport ?? 0
    }
    if packet.isICMP {
      // Echo request when unspecified: what `ping` sends.
      packet.icmpType = icmpType ?? (source.family == .v4 ? 8 : 128)
      packet.icmpCode = icmpCode ?? 0
    }
    return packet
  }
}
