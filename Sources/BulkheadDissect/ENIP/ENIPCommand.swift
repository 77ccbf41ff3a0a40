import BulkheadModel

/// EtherNet/IP encapsulation commands (CIP Vol 2 §2-3.2); tally code `0x1_0000 | command`.
enum ENIPCommand {
  static let base: UInt32 = 0x1_0000
  /// Class-1 (implicit) I/O datagrams, originator to target and back.
  static let ioToTarget: UInt32 = 0x2_0001
  static let ioToOriginator: UInt32 = 0x2_0002

  static func isKnown(_ command: UInt16) -> Bool {
    switch command {
    case 0x0000, 0x0001, 0x0004, 0x0063, 0x0064, 0x0065, 0x0066, 0x006F, 0x0070, 0x0072, 0x0073: true
    default: false
    }
  }

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case ioToTarget: return ("Class 1 I/O (O->T)", .write)
    case ioToOriginator: return ("Class 1 I/O (T->O)", .read)
    default: break
    }
    if code < base { return CIPService.describe(code) }
    switch UInt16(truncatingIfNeeded: code) {
    case 0x0000: return ("NOP", .other)
    case 0x0004: return ("ListServices", .discovery)
    case 0x0063: return ("ListIdentity", .discovery)
    case 0x0064: return ("ListInterfaces", .discovery)
    case 0x0065: return ("RegisterSession", .other)
    case 0x0066: return ("UnRegisterSession", .other)
    case 0x006F: return ("SendRRData", .other)
    case 0x0070: return ("SendUnitData", .other)
    case 0x0072: return ("IndicateStatus", .other)
    case 0x0073: return ("Cancel", .other)
    case let other: return ("unknown-command-0x" + String(other, radix: 16), .other)
    }
  }
}
