import Foundation

/// One captured frame as tshark dissected it: the few fields the end-to-end checks need.
struct PacketRow: Sendable {
  var frame: Int
  var source: String
  var destination: String
  var sourcePort: Int?
  var destinationPort: Int?
  var isUDP: Bool
  var syn: Bool
  var ack: Bool
  var tcpPayloadLength: Int
  var modbusFunctions: [Int]
  var opcuaSecurityPolicies: [String]
  var s7Functions: [Int]
  var tlsHandshakeTypes: [Int]
  var dnsQuery: Bool
  var httpRequest: Bool
  var arpAddresses: [String]
  /// tshark flagged the frame as malformed (a dissector exception).
  var malformed: Bool

  /// The tshark fields, in the order `init?(fields:)` reads them.
  static let tsharkFields = [
    "frame.number", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport",
    "tcp.flags.syn", "tcp.flags.ack", "tcp.len", "modbus.func_code", "opcua.security.spu", "s7comm.param.func",
    "tls.handshake.type", "dns.flags.response", "http.request", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
    "_ws.malformed",
  ]

  /// A TCP SYN without ACK: the first packet of a connection attempt.
  var isConnectionAttempt: Bool { syn && !ack }

  init?(fields: [Substring]) {
    guard fields.count >= Self.tsharkFields.count, let frame = Int(fields[0]) else { return nil }
    func list(_ index: Int) -> [String] {
      fields[index].split(separator: ",").map { String($0) }
    }
    func integers(_ index: Int) -> [Int] {
      list(index).compactMap { text in
        text.hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text)
      }
    }
    self.frame = frame
    source = String(fields[1])
    destination = String(fields[2])
    isUDP = !fields[5].isEmpty
    sourcePort = Int(isUDP ? fields[5] : fields[3])
    destinationPort = Int(isUDP ? fields[6] : fields[4])
    syn = fields[7] == "1"
    ack = fields[8] == "1"
    tcpPayloadLength = Int(fields[9]) ?? 0
    modbusFunctions = integers(10)
    opcuaSecurityPolicies = list(11)
    s7Functions = integers(12)
    tlsHandshakeTypes = integers(13)
    dnsQuery = fields[14] == "0" || fields[14] == "False"
    httpRequest = fields[15] == "1" || fields[15] == "True"
    arpAddresses = list(16) + list(17)
    malformed = !fields[18].isEmpty
  }
}
