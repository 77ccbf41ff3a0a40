import BulkheadModel

/// TLS handshake message types (RFC 8446 §4, RFC 5246 §7.4) and record content types (RFC 8446 §5.1) as tally
/// codes: a handshake message is its type, a record without handshake content 0x100 | content type.
enum TLSMessage {
  static let recordBase: UInt32 = 0x100
  static let changeCipherSpec: UInt32 = recordBase | 20
  static let alert: UInt32 = recordBase | 21
  static let heartbeat: UInt32 = recordBase | 24

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case 0: ("hello_request", .other)
    case 1: ("client_hello", .other)
    case 2: ("server_hello", .other)
    case 4: ("new_session_ticket", .other)
    case 5: ("end_of_early_data", .other)
    case 8: ("encrypted_extensions", .other)
    case 11: ("certificate", .other)
    case 12: ("server_key_exchange", .other)
    case 13: ("certificate_request", .other)
    case 14: ("server_hello_done", .other)
    case 15: ("certificate_verify", .other)
    case 16: ("client_key_exchange", .other)
    case 20: ("finished", .other)
    case 22: ("certificate_status", .other)
    case 24: ("key_update", .other)
    case changeCipherSpec: ("change_cipher_spec", .other)
    case alert: ("alert", .other)
    case heartbeat: ("heartbeat", .diagnostics)
    default: code >= recordBase ? ("unknown-record-\(code & 0xFF)", .other) : ("unknown-\(code)", .other)
    }
  }

  /// A protocol version's name as the RFCs write it (RFC 8446 §4.2.1; RFC 6101 for SSL 3.0).
  static func versionName(_ version: UInt16) -> String {
    switch version {
    case 0x0300: "SSLv3"
    case 0x0301: "TLSv1.0"
    case 0x0302: "TLSv1.1"
    case 0x0303: "TLSv1.2"
    case 0x0304: "TLSv1.3"
    default: AttributeList.hex(version)
    }
  }
}
