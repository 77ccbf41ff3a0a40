import BulkheadModel

/// S7comm and S7comm-Plus operations, keyed for tallies, named as Wireshark's and Zeek ICSNPP's dissectors name them.
///
/// Codes: Job/Ack-Data functions are the parameter's function byte (0x00-0xFF); Ack without data is 0x0200_0000;
/// Userdata is 0x0700_0000 | group << 8 | subfunction; S7comm-Plus is 0x7200_0000 | function.
enum S7Operation {
  static let ack: UInt32 = 0x0200_0000
  static let userdataBase: UInt32 = 0x0700_0000
  static let plusBase: UInt32 = 0x7200_0000

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    if code >= plusBase { return plus(UInt16(truncatingIfNeeded: code)) }
    if code >= userdataBase {
      return userdata(group: UInt8(truncatingIfNeeded: code >> 8), subfunction: UInt8(truncatingIfNeeded: code))
    }
    if code == ack { return ("Ack", .other) }
    return job(UInt8(truncatingIfNeeded: code))
  }

  /// Job / Ack-Data parameter function codes.
  static func job(_ function: UInt8) -> (name: String, operationClass: OperationClass) {
    switch function {
    case 0x00: ("CPU services", .diagnostics)
    case 0x04: ("Read Variable", .read)
    case 0x05: ("Write Variable", .write)
    case 0x1A: ("Request Download", .program)
    case 0x1B: ("Download Block", .program)
    case 0x1C: ("Download Ended", .program)
    case 0x1D: ("Start Upload", .program)
    case 0x1E: ("Upload", .program)
    case 0x1F: ("End Upload", .program)
    // PI services start the PLC (P_PROGRAM), activate or delete blocks, compress or copy RAM to ROM.
    case 0x28: ("PI-Service", .control)
    case 0x29: ("PLC Stop", .control)
    case 0xF0: ("Setup Communication", .other)
    default: ("unknown-0x" + String(function, radix: 16), .other)
    }
  }

  /// Userdata function groups (type nibble removed) and their subfunctions.
  static func userdata(group: UInt8, subfunction: UInt8) -> (name: String, operationClass: OperationClass) {
    switch (group, subfunction) {
    case (0x4, 0x01): ("CPU Functions: Read SZL", .diagnostics)
    case (0x4, 0x02): ("CPU Functions: Message Service", .diagnostics)
    case (0x4, _): ("CPU Functions: 0x" + String(subfunction, radix: 16), .diagnostics)
    case (0x1, _): ("Mode-transition: 0x" + String(subfunction, radix: 16), .diagnostics)
    case (0x2, _): ("Cyclic Data: 0x" + String(subfunction, radix: 16), .read)
    case (0x3, 0x01): ("Block Functions: List Blocks", .diagnostics)
    case (0x3, 0x02): ("Block Functions: List Blocks of Type", .diagnostics)
    case (0x3, 0x03): ("Block Functions: Get Block Info", .diagnostics)
    case (0x3, _): ("Block Functions: 0x" + String(subfunction, radix: 16), .diagnostics)
    case (0x5, 0x01): ("Security: PLC Password", .other)
    case (0x5, _): ("Security: 0x" + String(subfunction, radix: 16), .other)
    case (0x6, _): ("PBC BSEND/BRECV: 0x" + String(subfunction, radix: 16), .other)
    case (0x7, 0x01), (0x7, 0x03): ("Time Functions: Read Clock", .read)
    case (0x7, 0x02), (0x7, 0x04): ("Time Functions: Set Clock", .write)
    case (0x7, _): ("Time Functions: 0x" + String(subfunction, radix: 16), .other)
    case (0xF, _): ("NC Programming: 0x" + String(subfunction, radix: 16), .program)
    default: ("Userdata 0x" + String(group, radix: 16) + "/0x" + String(subfunction, radix: 16), .other)
    }
  }

  /// S7comm-Plus function codes as published by the Wireshark s7comm_plus plugin (reverse engineered, partial).
  static func plus(_ function: UInt16) -> (name: String, operationClass: OperationClass) {
    switch function {
    case 0x04B1: ("S7+ Error", .other)
    case 0x04BB: ("S7+ Explore", .read)
    case 0x04CA: ("S7+ CreateObject", .other)
    case 0x04D4: ("S7+ DeleteObject", .other)
    case 0x04F2: ("S7+ SetVariable", .write)
    case 0x04FC: ("S7+ GetVariable", .read)
    case 0x0506: ("S7+ AddLink", .other)
    case 0x051A: ("S7+ RemoveLink", .other)
    case 0x0524: ("S7+ GetLink", .read)
    case 0x0542: ("S7+ SetMultiVariables", .write)
    case 0x054C: ("S7+ GetMultiVariables", .read)
    case 0x0556: ("S7+ BeginSequence", .program)
    case 0x0560: ("S7+ EndSequence", .program)
    case 0x056B: ("S7+ Invoke", .control)
    case 0x057C: ("S7+ SetVarSubStreamed", .program)
    case 0x0586: ("S7+ GetVarSubStreamed", .read)
    case 0x0590: ("S7+ GetVariablesAddress", .read)
    case 0x059A: ("S7+ Abort", .other)
    case 0xFFFF: ("S7+ Unparsed", .other)
    default: ("S7+ unknown-0x" + String(function, radix: 16), .other)
    }
  }
}
