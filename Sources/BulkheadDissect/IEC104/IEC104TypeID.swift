import BulkheadModel

/// ASDU type identifications (IEC 60870-5-101 §7.2.1.1, IEC 60870-5-104 §8 and IEC 62351-5 for 41 and 81-95) with
/// the operation class each is to a station, and the APCI frames counted besides them.
enum IEC104TypeID {
  /// U-frames (§5.3): 0x100 | first control octet (0x107 STARTDT act … 0x183 TESTFR con).
  static let unnumberedBase: UInt32 = 0x100
  /// S-frames (§5.2): receive acknowledgements.
  static let supervisory: UInt32 = 0x201

  /// Names and classes by type: process information in monitor direction is what a station reports (read);
  /// commands operate the process (control); interrogations and read commands ask for data (read); parameters of
  /// measured values are written (write); file transfer (101 §7.3.6) moves files.
  private static let types: [UInt8: (String, OperationClass)] = [
    1: ("M_SP_NA_1", .read), 2: ("M_SP_TA_1", .read), 3: ("M_DP_NA_1", .read), 4: ("M_DP_TA_1", .read),
    5: ("M_ST_NA_1", .read), 6: ("M_ST_TA_1", .read), 7: ("M_BO_NA_1", .read), 8: ("M_BO_TA_1", .read),
    9: ("M_ME_NA_1", .read), 10: ("M_ME_TA_1", .read), 11: ("M_ME_NB_1", .read), 12: ("M_ME_TB_1", .read),
    13: ("M_ME_NC_1", .read), 14: ("M_ME_TC_1", .read), 15: ("M_IT_NA_1", .read), 16: ("M_IT_TA_1", .read),
    17: ("M_EP_TA_1", .read), 18: ("M_EP_TB_1", .read), 19: ("M_EP_TC_1", .read), 20: ("M_PS_NA_1", .read),
    21: ("M_ME_ND_1", .read), 30: ("M_SP_TB_1", .read), 31: ("M_DP_TB_1", .read), 32: ("M_ST_TB_1", .read),
    33: ("M_BO_TB_1", .read), 34: ("M_ME_TD_1", .read), 35: ("M_ME_TE_1", .read), 36: ("M_ME_TF_1", .read),
    37: ("M_IT_TB_1", .read), 38: ("M_EP_TD_1", .read), 39: ("M_EP_TE_1", .read), 40: ("M_EP_TF_1", .read),
    // IEC 62351-5: integrated totals of security statistics.
    41: ("S_IT_TC_1", .diagnostics),
    45: ("C_SC_NA_1", .control), 46: ("C_DC_NA_1", .control), 47: ("C_RC_NA_1", .control),
    48: ("C_SE_NA_1", .control), 49: ("C_SE_NB_1", .control), 50: ("C_SE_NC_1", .control),
    51: ("C_BO_NA_1", .control), 58: ("C_SC_TA_1", .control), 59: ("C_DC_TA_1", .control),
    60: ("C_RC_TA_1", .control), 61: ("C_SE_TA_1", .control), 62: ("C_SE_TB_1", .control),
    63: ("C_SE_TC_1", .control), 64: ("C_BO_TA_1", .control),
    70: ("M_EI_NA_1", .diagnostics),
    // IEC 62351-5 secure authentication: challenge, reply, aggressive mode, key status and change, errors, users.
    81: ("S_CH_NA_1", .other), 82: ("S_RP_NA_1", .other), 83: ("S_AR_NA_1", .other), 84: ("S_KR_NA_1", .other),
    85: ("S_KS_NA_1", .other), 86: ("S_KC_NA_1", .other), 87: ("S_ER_NA_1", .other), 90: ("S_US_NA_1", .other),
    91: ("S_UQ_NA_1", .other), 92: ("S_UR_NA_1", .other), 93: ("S_UK_NA_1", .other), 94: ("S_UA_NA_1", .other),
    95: ("S_UC_NA_1", .other),
    100: ("C_IC_NA_1", .read), 101: ("C_CI_NA_1", .read), 102: ("C_RD_NA_1", .read), 103: ("C_CS_NA_1", .control),
    104: ("C_TS_NA_1", .diagnostics), 105: ("C_RP_NA_1", .control), 106: ("C_CD_NA_1", .diagnostics),
    107: ("C_TS_TA_1", .diagnostics),
    110: ("P_ME_NA_1", .write), 111: ("P_ME_NB_1", .write), 112: ("P_ME_NC_1", .write), 113: ("P_AC_NA_1", .write),
    120: ("F_FR_NA_1", .fileTransfer), 121: ("F_SR_NA_1", .fileTransfer), 122: ("F_SC_NA_1", .fileTransfer),
    123: ("F_LS_NA_1", .fileTransfer), 124: ("F_AF_NA_1", .fileTransfer), 125: ("F_SG_NA_1", .fileTransfer),
    126: ("F_DR_TA_1", .fileTransfer), 127: ("F_SC_NB_1", .fileTransfer),
  ]

  /// Octets of one information element set (without its object address) by type, from the element definitions of
  /// 101 §7.3 (SIQ, DIQ, VTI, BSI, NVA, SVA, IEEE STD 754, BCR, CP24/CP56Time2a …) and 104 §8 (CP56 time tags);
  /// nil where the size varies (F_SG_NA_1 segments) or the type is unknown.
  private static let elementLengths: [UInt8: Int] = [
    1: 1, 2: 4, 3: 1, 4: 4, 5: 2, 6: 5, 7: 5, 8: 8, 9: 3, 10: 6, 11: 3, 12: 6, 13: 5, 14: 8, 15: 5, 16: 8,
    17: 6, 18: 7, 19: 7, 20: 5, 21: 2, 30: 8, 31: 8, 32: 9, 33: 12, 34: 10, 35: 10, 36: 12, 37: 12, 38: 10,
    39: 11, 40: 11, 45: 1, 46: 1, 47: 1, 48: 3, 49: 3, 50: 5, 51: 4, 58: 8, 59: 8, 60: 8, 61: 10, 62: 10,
    63: 12, 64: 11, 70: 1, 100: 1, 101: 1, 102: 0, 103: 7, 104: 2, 105: 1, 106: 2, 107: 9, 110: 3, 111: 3,
    112: 5, 113: 1, 120: 6, 121: 7, 122: 4, 123: 5, 124: 4, 126: 13, 127: 16,
  ]

  static func elementLength(_ typeID: UInt8) -> Int? { elementLengths[typeID] }

  static func isSecureAuthentication(_ typeID: UInt8) -> Bool { (81...95).contains(typeID) }

  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    switch code {
    case 0..<unnumberedBase:
      // 101 §7.2.1.1: 128-255 are for special (private) use.
      return types[UInt8(code)] ?? (code >= 128 ? "private-\(code)" : "unknown-\(code)", .other)
    case unnumberedBase..<supervisory:
      // Link management: starting, stopping and testing the data transfer (§5.3).
      let names: [UInt32: String] = [
        0x07: "STARTDT_ACT", 0x0B: "STARTDT_CON", 0x13: "STOPDT_ACT", 0x23: "STOPDT_CON", 0x43: "TESTFR_ACT",
        0x83: "TESTFR_CON",
      ]
      let control = code - unnumberedBase
      return (names[control] ?? "U-frame-0x\(String(control, radix: 16))", .other)
    case supervisory: return ("S-frame", .other)
    default: return ("unknown-\(code)", .other)
    }
  }
}
