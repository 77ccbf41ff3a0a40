import BulkheadModel

/// SMB2 commands (MS-SMB2 §2.2.1.2) as tally codes, SMB1 commands (MS-CIFS §2.2.2.1) as 0x100 | command, and the
/// transform headers (§2.2.41, §2.2.42) as 0x200 and 0x201, with what each does to the server's files.
enum SMBCommand {
  static let smb1Base: UInt32 = 0x100
  static let transform: UInt32 = 0x200
  static let compressed: UInt32 = 0x201

  private static let smb2: [(String, OperationClass)] = [
    ("NEGOTIATE", .other), ("SESSION_SETUP", .other), ("LOGOFF", .other), ("TREE_CONNECT", .other),
    ("TREE_DISCONNECT", .other), ("CREATE", .other), ("CLOSE", .other), ("FLUSH", .write), ("READ", .fileTransfer),
    ("WRITE", .fileTransfer), ("LOCK", .other), ("IOCTL", .other), ("CANCEL", .other), ("ECHO", .diagnostics),
    ("QUERY_DIRECTORY", .discovery), ("CHANGE_NOTIFY", .read), ("QUERY_INFO", .read), ("SET_INFO", .write),
    ("OPLOCK_BREAK", .other),
  ]

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case 0..<UInt32(smb2.count): return smb2[Int(code)]
    case transform: return ("TRANSFORM", .other)
    case compressed: return ("COMPRESSION_TRANSFORM", .other)
    case smb1Base | 0x72: return ("SMB1_NEGOTIATE", .other)
    case smb1Base | 0x73: return ("SMB1_SESSION_SETUP_ANDX", .other)
    case smb1Base | 0x75: return ("SMB1_TREE_CONNECT_ANDX", .other)
    case smb1Base | 0x25: return ("SMB1_TRANSACTION", .other)
    case smb1Base | 0x32: return ("SMB1_TRANSACTION2", .other)
    case smb1Base | 0xA2: return ("SMB1_NT_CREATE_ANDX", .other)
    case smb1Base | 0x2E: return ("SMB1_READ_ANDX", .fileTransfer)
    case smb1Base | 0x2F: return ("SMB1_WRITE_ANDX", .fileTransfer)
    case smb1Base | 0x04: return ("SMB1_CLOSE", .other)
    case smb1Base..<transform: return ("SMB1_unknown-\(code & 0xFF)", .other)
    default: return ("unknown-\(code)", .other)
    }
  }

  /// A dialect's name (MS-SMB2 §2.2.3: 0x0202 is "2.0.2", 0x0311 "3.1.1"; 0x02FF the SMB1-upgrade wildcard).
  static func dialectName(_ value: UInt16) -> String {
    switch value {
    case 0x0202: "2.0.2"
    case 0x0210: "2.1"
    case 0x0300: "3.0"
    case 0x0302: "3.0.2"
    case 0x0311: "3.1.1"
    case 0x02FF: "2.???"
    default: AttributeList.hex(value)
    }
  }
}
