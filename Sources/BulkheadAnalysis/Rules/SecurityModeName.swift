import BulkheadModel
import Foundation

/// Maps the security mode a dissector reports to the model's requirement scale.
enum SecurityModeName {
  // OPC UA MessageSecurityMode (IEC 62541-4 §7.20): None = 1, Sign = 2, SignAndEncrypt = 3.
  static func requirement(_ mode: String) -> SecurityRequirement? {
    switch mode.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
    case "none": SecurityRequirement.none
    case "sign": .sign
    case "signandencrypt": .signAndEncrypt
    default: nil
    }
  }
}
