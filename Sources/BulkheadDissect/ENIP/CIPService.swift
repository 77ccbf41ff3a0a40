import BulkheadModel

/// CIP service codes (CIP Vol 1 Appendix A-3 common services; object-specific services of the Connection Manager
/// (class 0x06, Vol 1 §3-5.5), the File object (class 0x37) and Logix symbolic tag access), unknown codes kept.
///
/// Tally code: `class << 8 | service` for object-specific services (0x4B-0x63), `service` otherwise.
enum CIPService {
  static let connectionManager: UInt32 = 0x06
  static let fileObject: UInt32 = 0x37
  /// Pseudo class for requests addressed by an ANSI extended symbolic segment (a Logix tag name).
  static let symbolic: UInt32 = 0x6B

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    let service = UInt8(truncatingIfNeeded: code)
    let objectClass = code >> 8
    if service >= 0x4B, service <= 0x63 {
      return objectSpecific(service, objectClass: objectClass)
    }
    switch service {
    case 0x01: return ("Get Attributes All", .read)
    case 0x02: return ("Set Attributes All", .write)
    case 0x03: return ("Get Attribute List", .read)
    case 0x04: return ("Set Attribute List", .write)
    case 0x05: return ("Reset", .control)
    case 0x06: return ("Start", .control)
    case 0x07: return ("Stop", .control)
    case 0x08: return ("Create", .program)
    case 0x09: return ("Delete", .program)
    case 0x0A: return ("Multiple Service Packet", .other)
    case 0x0D: return ("Apply Attributes", .program)
    case 0x0E: return ("Get Attribute Single", .read)
    case 0x10: return ("Set Attribute Single", .write)
    case 0x11: return ("Find Next Object Instance", .read)
    case 0x14: return ("Error Response", .other)
    case 0x15: return ("Restore", .program)
    case 0x16: return ("Save", .program)
    case 0x17: return ("No Operation", .other)
    case 0x18: return ("Get Member", .read)
    case 0x19: return ("Set Member", .write)
    case 0x1A: return ("Insert Member", .write)
    case 0x1B: return ("Remove Member", .write)
    case 0x1C: return ("Group Sync", .other)
    default: return ("unknown-0x" + String(service, radix: 16), .other)
    }
  }

  private static func objectSpecific(_ service: UInt8, objectClass: UInt32) -> (
    name: String, operationClass: OperationClass
  ) {
    switch (objectClass, service) {
    case (connectionManager, 0x4E): return ("Forward Close", .other)
    case (connectionManager, 0x52): return ("Unconnected Send", .other)
    case (connectionManager, 0x54): return ("Forward Open", .other)
    case (connectionManager, 0x56): return ("Get Connection Data", .read)
    case (connectionManager, 0x57): return ("Search Connection Data", .read)
    case (connectionManager, 0x5A): return ("Get Connection Owner", .read)
    case (connectionManager, 0x5B): return ("Large Forward Open", .other)
    case (fileObject, _): return ("File Object 0x" + String(service, radix: 16), .fileTransfer)
    case (symbolic, 0x4C), (0x6C, 0x4C): return ("Read Tag", .read)
    case (symbolic, 0x4D): return ("Write Tag", .write)
    case (symbolic, 0x4E): return ("Read Modify Write Tag", .write)
    case (symbolic, 0x52), (0x6C, 0x52): return ("Read Tag Fragmented", .read)
    case (symbolic, 0x53): return ("Write Tag Fragmented", .write)
    case (symbolic, 0x55): return ("Get Instance Attribute List", .read)
    default:
      return ("class 0x\(String(objectClass, radix: 16)) service 0x\(String(service, radix: 16))", .other)
    }
  }
}
