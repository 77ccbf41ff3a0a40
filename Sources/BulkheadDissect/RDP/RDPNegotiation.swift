import BulkheadCapture

/// RDP's X.224 connection sequence (MS-RDPBCGR §2.2.1.1 Client X.224 Connection Request, §2.2.1.2 Server X.224
/// Connection Confirm): the cookie or negotiation request that tells an RDP connection from other ISO transport
/// users, and the security protocol the server selected.
struct RDPNegotiation {
  /// `requestedProtocols` of the client's RDP_NEG_REQ (§2.2.1.1.1), if it sent one.
  private(set) var requested: UInt32?
  /// `selectedProtocol` of the server's RDP_NEG_RSP (§2.2.1.2.1), if it sent one.
  private(set) var selected: UInt32?
  /// The server refused the requested protocols (RDP_NEG_FAILURE, §2.2.1.2.2).
  private(set) var failed = false
  private var operations = OperationCounter()

  static let connection: UInt32 = 1
  static let data: UInt32 = 2

  /// Reads a CR or CC TPDU (`header` from the length indicator on); whether it is RDP's.
  mutating func connection(_ header: UnsafeRawBufferPointer, request: Bool) -> Bool {
    // The fixed part of a class 0 CR/CC is 7 bytes (ISO 8073 §13.3.1, §13.4.1); RDP puts its fields after it.
    var rest = header.suffix(from: 7)
    if request {
      let cookie = Array("Cookie: ".utf8)
      var sawCookie = false
      if rest.count >= cookie.count, zip(rest.prefix(cookie.count), cookie).allSatisfy({ $0 == $1 }) {
        // routingToken or cookie: text up to CR LF (§2.2.1.1).
        var end = cookie.count
        while end + 1 < rest.count, !(rest[end] == 0x0D && rest[end + 1] == 0x0A) { end += 1 }
        guard end + 1 < rest.count else { return false }
        rest = rest.suffix(from: end + 2)
        sawCookie = true
      }
      // RDP_NEG_REQ: type 0x01, flags, length 8 (little-endian), requestedProtocols (§2.2.1.1.1).
      if rest.u8(0) == 0x01, rest.u16le(2) == 8, let protocols = rest.u32le(4) {
        requested = protocols
      } else if !sawCookie {
        return false
      }
      operations.count(Self.connection, .request)
      return true
    }
    // RDP_NEG_RSP (type 0x02) or RDP_NEG_FAILURE (type 0x03), length 8 (§2.2.1.2.1, §2.2.1.2.2).
    if let type = rest.u8(0), type == 0x02 || type == 0x03, rest.u16le(2) == 8, let value = rest.u32le(4) {
      if type == 0x02 { selected = value } else { failed = true }
      operations.count(Self.connection, type == 0x02 ? .response : .exception)
      return true
    }
    // A legacy server's confirm without negotiation data (standard RDP security) on a connection already known.
    guard rest.isEmpty, requested != nil || operations.total > 0 else { return false }
    selected = 0
    operations.count(Self.connection, .response)
    return true
  }

  /// COTP data after the connection: MCS (T.125) PDUs under standard RDP security.
  mutating func data(_ payload: UnsafeRawBufferPointer) {
    operations.count(Self.data, .request)
  }

  /// The security protocol's name, as MS-RDPBCGR §2.2.1.1.1 lists them.
  static func protocolName(_ value: UInt32) -> String {
    switch value {
    case 0: "rdp"
    case 1: "tls"
    case 2: "credssp"
    case 4: "rdstls"
    case 8: "credssp-early-user-auth"
    case 0x10: "rdsaad"
    default: "unknown-\(value)"
    }
  }

  func observation(transport: ViolationLog) -> ProtocolObservation {
    var security = SecurityProperties()
    if let selected {
      security.mode = Self.protocolName(selected)
      // TLS, CredSSP and RDSTLS encrypt with TLS; standard RDP security encrypts with RC4 at a level the server
      // chooses, possibly none (§5.3.1). CredSSP (Network Level Authentication) authenticates the user before the
      // session starts (§5.4.5.2); with the others the user logs on inside the session.
      security.encrypted = selected == 0 ? .unknown : .yes
      security.authenticated = selected == 2 || selected == 8 || selected == 0x10 ? .yes : .unknown
    } else if failed {
      security.mode = "negotiation-failed"
    }
    return ProtocolObservation(
      protocolID: .rdp, pduCount: operations.total,
      operations: operations.tallies { code in
        (code == Self.connection ? "X.224 connection" : "MCS data", .other)
      }, security: security, violations: transport.kept, violationCount: transport.count)
  }
}
