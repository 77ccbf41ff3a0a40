/// What a flow's COTP data carries, decided by the first TPDU that only one payload parser accepts.
enum ISOPayload: Equatable {
  /// S7comm (0x32) or S7comm-Plus (0x72), Siemens.
  case s7comm
  /// ISO 8327 session carrying ISO 8823 presentation, ACSE and MMS (IEC 61850-8-1, ICCP/TASE.2).
  case mms
  /// RDP: an X.224 connection request with an RDP cookie or negotiation request (MS-RDPBCGR §2.2.1.1).
  case rdp
}
