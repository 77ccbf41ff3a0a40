import BulkheadModel

/// SSH message numbers (RFC 4250 §4.1.2) as tally codes, and 0x100 for an identification string (RFC 4253 §4.2).
enum SSHMessage {
  static let identification: UInt32 = 0x100
  static let kexInit: UInt8 = 20
  static let newKeys: UInt8 = 21

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case identification: ("identification", .other)
    case 1: ("SSH_MSG_DISCONNECT", .other)
    case 2: ("SSH_MSG_IGNORE", .other)
    case 3: ("SSH_MSG_UNIMPLEMENTED", .other)
    case 4: ("SSH_MSG_DEBUG", .diagnostics)
    case 5: ("SSH_MSG_SERVICE_REQUEST", .other)
    case 6: ("SSH_MSG_SERVICE_ACCEPT", .other)
    case 7: ("SSH_MSG_EXT_INFO", .other)
    case 20: ("SSH_MSG_KEXINIT", .other)
    case 21: ("SSH_MSG_NEWKEYS", .other)
    // 30-49 are the key exchange method's own messages (RFC 4250 §4.1.2), e.g. KEXDH_INIT/REPLY, KEX_ECDH_*.
    case 30...49: ("SSH_MSG_KEX_\(code)", .other)
    default: ("unknown-\(code)", .other)
    }
  }
}
