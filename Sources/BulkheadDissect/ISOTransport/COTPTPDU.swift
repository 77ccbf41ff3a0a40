import BulkheadModel

/// ISO 8073 TPDU codes (§13.1 Table 8, the high nibble of the code byte) as counted on a flow whose payload is not
/// recognised.
enum COTPTPDU {
  static let connectionRequest: UInt8 = 0xE0
  static let connectionConfirm: UInt8 = 0xD0
  static let disconnectRequest: UInt8 = 0x80
  static let disconnectConfirm: UInt8 = 0xC0
  static let data: UInt8 = 0xF0
  static let expeditedData: UInt8 = 0x10
  static let dataAcknowledgement: UInt8 = 0x60
  static let reject: UInt8 = 0x50
  static let error: UInt8 = 0x70

  /// TPDUs a flow may open with in a capture: CR, CC, DT, DR, ER (class 0, the class RFC 1006 runs, has no others
  /// besides DC).
  static func isSignature(_ code: UInt8) -> Bool {
    switch code & 0xF0 {
    case connectionRequest, connectionConfirm, data, disconnectRequest, error: true
    default: false
    }
  }

  /// The tally code of a TPDU on a `cotp` flow (the code byte's high nibble).
  static func describe(_ code: UInt32) -> (name: String, operationClass: OperationClass) {
    let name =
      switch UInt8(truncatingIfNeeded: code) {
      case connectionRequest: "CR"
      case connectionConfirm: "CC"
      case disconnectRequest: "DR"
      case disconnectConfirm: "DC"
      case data: "DT"
      case expeditedData: "ED"
      case dataAcknowledgement: "AK"
      case reject: "RJ"
      case error: "ER"
      default: "unknown-\(code)"
      }
    return (name, .other)
  }
}
