extension ProtocolObservation {
  /// Whether what a dissector saw on a flow is evidence enough to name the flow after its protocol.
  ///
  /// A signature match is a hint, not evidence (LDAP, HART-IP and MELSEC messages can open with bytes that fit an
  /// MBAP header; RDP opens with the same COTP connection request as S7comm). A flow is named only when its PDUs
  /// parse consistently: at least one well-formed PDU, no more violations than PDUs (a flow whose "PDUs" are mostly
  /// violations is not that protocol), and under a weak signature (below ``SignaturePriority/knownCommand``, e.g.
  /// Modbus's) more than one PDU and fewer violations than PDUs: a HART-IP session read as Modbus gives one
  /// "PDU" per direction, then loses framing in both.
  func isEvidence(for signature: SignaturePriority) -> Bool {
    guard pduCount > 0, violationCount <= pduCount else { return false }
    return signature >= .knownCommand || (pduCount > 1 && violationCount < pduCount)
  }
}
