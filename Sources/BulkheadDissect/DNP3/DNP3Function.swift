import BulkheadModel

/// DNP3 application function codes (IEEE 1815-2012 §4.2.2.5, Table 4-1 … 4-3), named as Zeek's `dnp3.log` names them.
enum DNP3Function {
  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case 0: ("CONFIRM", .other)
    case 1: ("READ", .read)
    case 2: ("WRITE", .write)
    case 3: ("SELECT", .control)
    case 4: ("OPERATE", .control)
    case 5: ("DIRECT_OPERATE", .control)
    case 6: ("DIRECT_OPERATE_NR", .control)
    case 7: ("IMMED_FREEZE", .control)
    case 8: ("IMMED_FREEZE_NR", .control)
    case 9: ("FREEZE_CLEAR", .control)
    case 10: ("FREEZE_CLEAR_NR", .control)
    case 11: ("FREEZE_AT_TIME", .control)
    case 12: ("FREEZE_AT_TIME_NR", .control)
    case 13: ("COLD_RESTART", .control)
    case 14: ("WARM_RESTART", .control)
    case 15: ("INITIALIZE_DATA", .program)
    case 16: ("INITIALIZE_APPL", .control)
    case 17: ("START_APPL", .control)
    case 18: ("STOP_APPL", .control)
    case 19: ("SAVE_CONFIG", .program)
    // Enabling or disabling unsolicited reporting and reassigning classes reconfigure the outstation.
    case 20: ("ENABLE_UNSOLICITED", .program)
    case 21: ("DISABLE_UNSOLICITED", .program)
    case 22: ("ASSIGN_CLASS", .program)
    case 23: ("DELAY_MEASURE", .diagnostics)
    case 24: ("RECORD_CURRENT_TIME", .other)
    case 25: ("OPEN_FILE", .fileTransfer)
    case 26: ("CLOSE_FILE", .fileTransfer)
    case 27: ("DELETE_FILE", .fileTransfer)
    case 28: ("GET_FILE_INFO", .fileTransfer)
    case 29: ("AUTHENTICATE_FILE", .fileTransfer)
    case 30: ("ABORT_FILE", .fileTransfer)
    case 31: ("ACTIVATE_CONFIG", .program)
    case 32: ("AUTHENTICATE_REQ", .other)
    case 33: ("AUTHENTICATE_ERR", .other)
    case 129: ("RESPONSE", .other)
    case 130: ("UNSOLICITED_RESPONSE", .read)
    case 131: ("AUTHENTICATE_RESP", .other)
    default: ("unknown-\(code)", .other)
    }
  }
}
